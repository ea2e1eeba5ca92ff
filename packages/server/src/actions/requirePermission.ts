import type { Caller, Permission } from '@liaison/core'
import { LiaisonError, authorizeCaller } from '@liaison/core'

/** Authorises a caller or raises the refusal as the one error type. */
export function requirePermission(caller: Caller, permission: Permission, ownerOrgId?: string | null): void {
  const decided = authorizeCaller(caller, permission, ownerOrgId)
  if (decided.ok) return
  const refusal = decided.error
  switch (refusal.reason) {
    case 'forbidden':
      throw new LiaisonError('forbidden', `your roles do not allow '${permission}'`, { permission })
    case 'insufficient_scope':
      throw new LiaisonError('insufficient_scope', `this API token is not scoped for '${permission}'`, {
        permission,
      })
    case 'other_organisation':
      throw new LiaisonError('other_organisation', 'this belongs to another organisation', { permission })
    default: {
      const exhaustive: never = refusal
      return exhaustive
    }
  }
}
