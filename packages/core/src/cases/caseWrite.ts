import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { Case } from './Case.ts'

/**
 * Why an organisation may not write to a case now:
 * - `not_participant`: it neither owns the case nor takes part in it (any more);
 * - `not_owner`: the change is one only the owning organisation makes;
 * - `case_closed`: the case is closed; it is re-opened before anything more is written.
 */
export type CaseWriteRefusal = 'not_participant' | 'not_owner' | 'case_closed'

export interface CaseWriteOptions {
  /** Only the owning organisation may make this change (situation reports, plans, the case itself). */
  readonly ownerOnly?: boolean
  /** The change is allowed on a closed case too (re-opening it, correcting its details). */
  readonly whileClosed?: boolean
}

/**
 * The one rule for every write to a case: the caller's organisation takes part in it NOW (its
 * owner or a current participant; one removed from the case writes nothing more, not even to what
 * it wrote before), and the case is not closed. Checked against the case as read in the writing
 * transaction.
 */
export function mayWriteToCase(
  c: Pick<Case, 'ownerOrgId' | 'participants' | 'state'>,
  orgId: string,
  options: CaseWriteOptions = {},
): Result<void, CaseWriteRefusal> {
  const owner = c.ownerOrgId === orgId
  if (!owner && !c.participants.includes(orgId)) return err('not_participant')
  if (options.ownerOnly && !owner) return err('not_owner')
  if (!options.whileClosed && c.state === 'closed') return err('case_closed')
  return ok(undefined)
}
