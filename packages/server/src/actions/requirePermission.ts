import type { Caller, Permission, RefusalReason } from '@liaison/core'
import { LiaisonError, authorizeCaller } from '@liaison/core'

/**
 * Authorises a caller or raises the refusal as the one error type. A refusal because the item is
 * another organisation's carries `otherOrganisation` as its reason (by default `not_keeper`; a
 * case's owner-only changes say `not_owner`).
 */
export function requirePermission(
  caller: Caller,
  permission: Permission,
  ownerOrgId?: string | null,
  otherOrganisation: RefusalReason = 'not_keeper',
): void {
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
      throw new LiaisonError(
        'other_organisation',
        'this belongs to another organisation',
        { permission },
        { reason: otherOrganisation },
      )
    default: {
      const exhaustive: never = refusal
      return exhaustive
    }
  }
}
