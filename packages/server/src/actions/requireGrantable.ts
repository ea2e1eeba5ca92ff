import type { Caller, Organisation, Role } from '@liaison/core'
import { LiaisonError, mayGrantRoles } from '@liaison/core'

/**
 * Applies core's allow-list rule (`mayGrantRoles`) to a principal granting roles in `org`, or
 * raises the refusal. The operator and the node are not bound by it.
 */
export function requireGrantable(caller: Caller, org: Organisation, granted: readonly Role[]): void {
  if (caller.kind !== 'user' && caller.kind !== 'token') return
  const decided = mayGrantRoles(org, granted)
  if (decided.ok) return
  const allowed = org.grantableRoles?.join(', ') || 'none'
  throw new LiaisonError(
    'forbidden',
    `your organisation's administrators may not grant ${decided.error.roles.join(', ')} (the centre allows: ${allowed})`,
    { roles: decided.error.roles },
  )
}
