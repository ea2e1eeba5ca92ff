import type { Caller, Case, CaseWriteOptions } from '@liaison/core'
import { mayWriteToCase, refusalError } from '@liaison/core'

/**
 * Applies core's one rule for writing to a case (`mayWriteToCase`) or raises its refusal. Every
 * action that writes to a case calls this on the case read in its own transaction. The operator
 * and the node act for the owner.
 */
export function requireCaseWrite(caller: Caller, c: Case, options: CaseWriteOptions = {}): void {
  const orgId = caller.kind === 'user' || caller.kind === 'token' ? caller.orgId : c.ownerOrgId
  const decided = mayWriteToCase(c, orgId, options)
  if (decided.ok) return
  switch (decided.error) {
    case 'not_participant':
      throw refusalError(decided.error, 'your organisation does not take part in this case')
    case 'not_owner':
      throw refusalError(decided.error, 'only the organisation that owns this case does this')
    case 'case_closed':
      throw refusalError(decided.error, 'this case is closed; re-open it first')
    default: {
      const exhaustive: never = decided.error
      return exhaustive
    }
  }
}
