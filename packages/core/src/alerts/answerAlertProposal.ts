import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { AlertProposalAnswerKind, AlertProposalState } from './AlertProposal.ts'

/** Why an answer to an alert proposal is refused (closed; refusalReasons). */
export type AlertProposalRefusal =
  'alert_proposal_answered' | 'alert_proposal_reason_missing' | 'alert_proposal_not_addressee'

/**
 * The receiving centre answers a proposal once (decision 042): only an organisation the proposal
 * is addressed to (its audience on this node) answers it; a decline says why; a proposal already
 * adopted, declined or noted is not answered again. The answer's state, or the refusal.
 */
export function answerAlertProposal(
  proposal: { readonly state: AlertProposalState; readonly audience: readonly string[] },
  answer: { readonly kind: AlertProposalAnswerKind; readonly reason: string | null },
  by: { readonly orgId: string },
): Result<Exclude<AlertProposalState, 'proposed'>, AlertProposalRefusal> {
  if (!proposal.audience.includes(by.orgId)) return err('alert_proposal_not_addressee')
  if (proposal.state !== 'proposed') return err('alert_proposal_answered')
  switch (answer.kind) {
    case 'adopt':
      return ok('adopted')
    case 'decline':
      if ((answer.reason ?? '').trim() === '') return err('alert_proposal_reason_missing')
      return ok('declined')
    case 'note':
      return ok('noted')
    default: {
      const exhaustive: never = answer.kind
      return exhaustive
    }
  }
}
