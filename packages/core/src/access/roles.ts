/** The roles a membership can carry; a user may hold several. */
export const roles = [
  'admin',
  'duty-officer',
  'crisis-manager',
  'alert-author',
  'alert-approver',
  'partner',
  'viewer',
] as const
export type Role = (typeof roles)[number]

/**
 * What can be done. API tokens are scoped with these same names, and a token can never do more
 * than the user who made it may do today.
 */
export const permissions = [
  'users.manage',
  'audit.read',
  'cases.manage',
  'cases.write',
  'sitreps.approve',
  'alerts.draft',
  'alerts.approve',
  'read',
] as const
export type Permission = (typeof permissions)[number]

/**
 * The rule table (issue 3). It grows with each capability.
 *
 * | permission | meaning |
 * | --- | --- |
 * | users.manage | manage users, roles and tokens of its own organisation |
 * | audit.read | read its own organisation's audit |
 * | cases.manage | open, close, re-open a case |
 * | cases.write | write in a case it takes part in |
 * | sitreps.approve | approve a situation report |
 * | alerts.draft | draft an alert |
 * | alerts.approve | approve and issue an alert (never one it drafted) |
 * | read | read what its organisation may see |
 */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['users.manage', 'audit.read', 'read'],
  'duty-officer': ['cases.manage', 'cases.write', 'read'],
  'crisis-manager': ['audit.read', 'cases.manage', 'cases.write', 'sitreps.approve', 'read'],
  'alert-author': ['alerts.draft', 'read'],
  'alert-approver': ['alerts.approve', 'read'],
  partner: ['cases.write', 'read'],
  viewer: ['read'],
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (permissions as readonly string[]).includes(value)
}

/** Everything the given roles allow, in the table's order, without repeats. */
export function permissionsOf(held: readonly Role[]): Permission[] {
  const granted = new Set(held.flatMap((r) => rolePermissions[r]))
  return permissions.filter((p) => granted.has(p))
}
