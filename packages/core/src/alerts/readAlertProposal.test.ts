import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AlertProposal, AlertProposalAnswer } from './AlertProposal.ts'
import { readAlertProposal, readAlertProposalAnswer } from './readAlertProposal.ts'
import { readReceivedEvent } from '../federation/apply/readReceivedEvent.ts'

const ring: [number, number][] = [
  [5.7, 50.8],
  [5.75, 50.8],
  [5.75, 50.85],
  [5.7, 50.8],
]
const proposal: AlertProposal = {
  id: 'p1',
  origin: 'be',
  senderOrgId: 'o1',
  alertId: 'a1',
  identifier: 'a1',
  sender: 'alert@nccn.be',
  toNode: 'nl',
  toCountry: 'NL',
  status: 'Actual',
  alertState: 'submitted',
  relation: 'crosses',
  km: 0,
  areaDesc: 'Maastricht',
  area: [[ring]],
  info: [
    {
      language: 'nl-BE',
      category: ['Fire'],
      event: 'Brand',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      headline: 'Sluit ramen',
      description: null,
      instruction: null,
      onset: null,
      expires: '2026-12-04T18:00:00+01:00',
    },
  ],
  proposedAt: '2026-12-04T01:00:00.000Z',
}
const answer: AlertProposalAnswer = {
  proposalId: 'p1',
  origin: 'be',
  node: 'nl',
  state: 'declined',
  reason: 'not here',
  orgId: 'n1',
  byName: 'anna',
  at: '2026-12-04T01:05:00.000Z',
}
const envelope = {
  id: 'e1',
  at: '2026-12-04T01:00:00.000Z',
  subject: 'p1',
  origin: 'be',
  orgId: 'o1',
  status: 'actual',
  tlp: 'AMBER',
  distribution: { kind: 'neighbours', nodes: ['nl'] },
}

describe('readAlertProposal', () => {
  it('reads a proposal and an answer back as sent, in a received event too', () => {
    expect(readAlertProposal(JSON.parse(JSON.stringify(proposal)))).toEqual(proposal)
    expect(readAlertProposalAnswer(JSON.parse(JSON.stringify(answer)))).toEqual(answer)
    const read = readReceivedEvent({
      ...envelope,
      kind: 'alert-proposal.sent',
      body: { kind: 'alert-proposal.sent', proposal },
    })
    expect(read).toMatchObject({ ok: true, change: { kind: 'alert-proposal', proposal } })
    expect(
      readReceivedEvent({
        ...envelope,
        kind: 'alert-proposal.answered',
        body: { kind: 'alert-proposal.answered', answer },
      }),
    ).toMatchObject({ ok: true, change: { kind: 'alert-proposal-answer', answer } })
  })

  it.each<[string, Record<string, unknown>]>([
    ['proposal.toNode', { toNode: '' }],
    ['proposal.status', { status: 'Draft' }],
    ['proposal.relation', { relation: 'inside' }],
    ['proposal.km', { km: -1 }],
    ['proposal.area', { area: [] }],
    ['proposal.area', { area: [[ring.slice(0, 3)]] }],
    ['proposal.area', { area: [[[[200, 50], ...ring.slice(1)]]] }],
    ['proposal.area', { area: [[ring.map(([x, y]) => [String(x), y])]] }],
    ['proposal.area', { area: Array.from({ length: 201 }, () => [ring]) }],
    ['proposal.info', { info: [] }],
    ['proposal.info', { info: [{ ...proposal.info[0], severity: 'Huge' }] }],
    ['proposal.info', { info: [{ ...proposal.info[0], category: [] }] }],
    ['proposal.proposedAt', { proposedAt: 'yesterday' }],
  ])('refuses a proposal by its field: %s', (field, change) => {
    expect(readAlertProposal({ ...proposal, ...change })).toBe(field)
  })

  it.each<[string, Record<string, unknown>]>([
    ['answer.state', { state: 'proposed' }],
    ['answer.state', { state: 'maybe' }],
    ['answer.reason', { reason: 5 }],
    ['answer.at', { at: null }],
    ['answer.node', { node: undefined }],
  ])('refuses an answer by its field: %s', (field, change) => {
    expect(readAlertProposalAnswer({ ...answer, ...change })).toBe(field)
  })

  it('never throws on any JSON, and a malformed body is skipped with its field', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof readAlertProposal(value)).not.toBe('undefined')
        expect(typeof readAlertProposalAnswer(value)).not.toBe('undefined')
      }),
    )
    expect(
      readReceivedEvent({
        ...envelope,
        kind: 'alert-proposal.sent',
        body: { kind: 'alert-proposal.sent', proposal: { ...proposal, km: 'far' } },
      }),
    ).toEqual({ ok: false, skip: 'malformed_body', detail: 'body.proposal.km' })
  })
})
