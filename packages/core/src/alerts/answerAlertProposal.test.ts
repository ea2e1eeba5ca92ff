import { describe, expect, it } from 'vitest'
import type { AlertProposalAnswerKind, AlertProposalState } from './AlertProposal.ts'
import { answerAlertProposal } from './answerAlertProposal.ts'

const proposed = { state: 'proposed' as AlertProposalState, audience: ['nl-centre'] }
const centre = { orgId: 'nl-centre' }

describe('answerAlertProposal', () => {
  it.each<[AlertProposalAnswerKind, string | null, string]>([
    ['adopt', null, 'adopted'],
    ['note', null, 'noted'],
    ['note', 'seen', 'noted'],
    ['decline', 'no Dutch municipality affected', 'declined'],
  ])('%s (reason %s) by the centre addressed: %s', (kind, reason, state) => {
    expect(answerAlertProposal(proposed, { kind, reason }, centre)).toEqual({ ok: true, value: state })
  })

  it.each([null, '', '   '])('a decline without a reason (%j) is refused', (reason) => {
    expect(answerAlertProposal(proposed, { kind: 'decline', reason }, centre)).toEqual({
      ok: false,
      error: 'alert_proposal_reason_missing',
    })
  })

  it.each<AlertProposalState>(['adopted', 'declined', 'noted'])(
    'a proposal already %s is not answered again',
    (state) => {
      for (const kind of ['adopt', 'decline', 'note'] as const)
        expect(answerAlertProposal({ ...proposed, state }, { kind, reason: 'x' }, centre)).toEqual({
          ok: false,
          error: 'alert_proposal_answered',
        })
    },
  )

  it('an organisation the proposal is not addressed to answers nothing, before any other rule', () => {
    for (const state of ['proposed', 'adopted'] as const)
      expect(
        answerAlertProposal(
          { ...proposed, state },
          { kind: 'decline', reason: null },
          { orgId: 'nl-partner' },
        ),
      ).toEqual({ ok: false, error: 'alert_proposal_not_addressee' })
    expect(
      answerAlertProposal({ state: 'proposed', audience: [] }, { kind: 'note', reason: null }, centre),
    ).toEqual({
      ok: false,
      error: 'alert_proposal_not_addressee',
    })
  })
})
