import type { Role } from '@liaison/core'

/** Every role, in the order of the rule table, for the role check boxes. */
export const allRoles = [
  'admin',
  'duty-officer',
  'crisis-manager',
  'alert-author',
  'alert-approver',
  'partner',
  'viewer',
] as const satisfies readonly Role[]

/** Fails to compile when core gains a role that is missing above. */
export const allRolesListed: [Exclude<Role, (typeof allRoles)[number]>] extends [never] ? true : never = true
