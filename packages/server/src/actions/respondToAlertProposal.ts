import type {
  AlertProposalAnswer,
  AlertProposalAnswerKind,
  Caller,
  CapAlert,
  EventStatus,
} from '@liaison/core'
import {
  LiaisonError,
  alertInfoFromProposal,
  answerAlertProposal,
  authorizeCaller,
  callerActor,
  capDateOf,
} from '@liaison/core'
import type { AlertProposalRow } from '../store/alerts/alertProposalRows.ts'
import { lockAlertProposal, proposalOf, recordProposalAnswer } from '../store/alerts/alertProposalRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { saveNew } from './alerts.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { runAction, unwrap } from './runAction.ts'

export interface RespondToAlertProposal {
  readonly caller: Caller
  readonly proposal: { readonly origin: string; readonly id: string }
  readonly answer: AlertProposalAnswerKind
  readonly reason: string | null
  /** The CAP sender of the draft an adoption makes; this node's id when not given. */
  readonly sender?: string | undefined
  readonly source: string | null
}

/**
 * The receiving centre answers an alert proposal a neighbour sent (decision 042), once: it adopts
 * it as a draft alert of its own (the proposal's texts, languages and codes, and the part of the
 * area on this side, for its own four eyes), declines it with a reason, or notes it. The answer
 * is kept on the proposal and sent back to its origin only, as an `alert-proposal.answered`
 * event naming its node. Adopting needs `alerts.draft`; declining and noting `alerts.draft` or
 * `cases.manage` (a duty officer). A proposal this node does not hold is `not_found`.
 */
export async function respondToAlertProposal(
  deps: ActionDeps,
  command: RespondToAlertProposal,
): Promise<{ readonly row: AlertProposalRow; readonly adoptedAlertId: string | null }> {
  return runAction(
    deps,
    {
      action: `alert-proposal.${command.answer}`,
      actor: callerActor(command.caller),
      source: command.source,
    },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      if (command.answer === 'adopt' || !authorizeCaller(caller, 'cases.manage', caller.orgId).ok)
        requirePermission(caller, 'alerts.draft', caller.orgId)
      const key = command.proposal
      ctx.target(key.id, caller.orgId, { origin: key.origin, answer: command.answer })
      const row = await lockAlertProposal(ctx.tx, key)
      if (!row || row.direction !== 'received')
        throw new LiaisonError('not_found', `no alert proposal ${key.id} from ${key.origin}`)
      const reason = command.reason?.trim() || null
      const state = unwrap(
        answerAlertProposal(
          { state: row.state, audience: row.audience },
          { kind: command.answer, reason },
          { orgId: caller.orgId },
        ),
      )
      const proposal = proposalOf(row)
      let adoptedAlertId: string | null = null
      if (state === 'adopted') {
        const id = ctx.newId()
        const cap: CapAlert = {
          identifier: id,
          sender: command.sender ?? deps.nodeId,
          sent: capDateOf(ctx.at),
          status: proposal.status,
          msgType: 'Alert',
          scope: 'Public',
          code: [],
          note: `Proposed by ${proposal.origin} (${proposal.sender}, ${proposal.identifier})`,
          info: alertInfoFromProposal(proposal),
        }
        const alert = await saveNew(
          ctx,
          caller,
          { id, cap, channels: ['feed'], template: null },
          null,
          'alert.drafted',
        )
        adoptedAlertId = alert.id
        // saveNew names the new alert as the audit row's target: the proposal stays named beside it
        ctx.target(alert.id, caller.orgId, { origin: key.origin, proposalId: key.id, answer: command.answer })
      }
      const name = caller.kind === 'user' ? caller.username : caller.tokenName
      await recordProposalAnswer(ctx.tx, key, {
        state,
        reason: state === 'declined' || state === 'noted' ? reason : null,
        at: ctx.at,
        byName: name,
        orgId: caller.orgId,
        adoptedAlertId,
      })
      const answer: AlertProposalAnswer = {
        proposalId: key.id,
        origin: key.origin,
        node: deps.nodeId,
        state,
        reason: state === 'declined' || state === 'noted' ? reason : null,
        orgId: caller.orgId,
        byName: name,
        at: ctx.at.toISOString(),
      }
      const status: EventStatus =
        row.status === 'Actual' ? 'actual' : row.status === 'Exercise' ? 'exercise' : 'test'
      ctx.emit({
        body: { kind: 'alert-proposal.answered', answer },
        subject: key.id,
        orgId: caller.orgId,
        // back to the origin only
        distribution: { kind: 'neighbours', nodes: [key.origin] },
        status,
      })
      const after = await lockAlertProposal(ctx.tx, key)
      return { row: after ?? row, adoptedAlertId }
    },
  )
}
