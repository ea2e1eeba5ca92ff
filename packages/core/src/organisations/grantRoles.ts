import type { Role } from '../access/roles.ts'
import { roles } from '../access/roles.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { Organisation } from './Organisation.ts'

/**
 * What a partner organisation's administrators may grant until the centre says otherwise. A
 * governor, a mayor or a safety region does hold crisis-manager and alert roles: the centre's
 * administrator adds those to that organisation's list.
 */
export const defaultPartnerRoles: readonly Role[] = ['viewer', 'partner', 'duty-officer']

export type RoleGrantRefusal = { readonly reason: 'not_allowed'; readonly roles: readonly Role[] }

/**
 * May an administrator of `org` grant these roles (the ones the user does not hold yet)? The
 * centre's administrators grant any role; a partner's only those on its allow-list. The operator at
 * the node's command line is not bound by this (the server checks only principals).
 */
export function mayGrantRoles(
  org: Pick<Organisation, 'kind' | 'grantableRoles'>,
  granted: readonly Role[],
): Result<void, RoleGrantRefusal> {
  if (org.kind === 'centre' || org.grantableRoles === null) return ok(undefined)
  const allowed = new Set(org.grantableRoles)
  const refused = granted.filter((r) => !allowed.has(r))
  return refused.length > 0 ? err({ reason: 'not_allowed', roles: [...new Set(refused)] }) : ok(undefined)
}

export type AllowListRefusal =
  | { readonly reason: 'not_a_role'; readonly values: readonly string[] }
  | { readonly reason: 'centre_unrestricted' }

/** The centre sets a partner's allow-list: known roles only, in the table's order; the centre has none. */
export function allowListFor(
  org: Pick<Organisation, 'kind'>,
  values: readonly string[],
): Result<readonly Role[], AllowListRefusal> {
  if (org.kind === 'centre') return err({ reason: 'centre_unrestricted' })
  const unknown = values.filter((v) => !(roles as readonly string[]).includes(v))
  if (unknown.length > 0) return err({ reason: 'not_a_role', values: unknown })
  return ok(roles.filter((r) => values.includes(r)))
}
