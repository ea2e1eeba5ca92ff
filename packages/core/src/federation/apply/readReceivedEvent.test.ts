import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readReceivedEvent } from './readReceivedEvent.ts'
import { receivedAudience } from './receivedAudience.ts'

const envelope = {
  id: '01938a00-0000-7000-8000-000000000001',
  at: '2026-12-03T10:00:00.000Z',
  subject: 'c1',
  origin: 'be',
  orgId: 'be-centre',
  status: 'actual',
  tlp: 'AMBER',
  distribution: { kind: 'case', caseId: 'c1' },
  schemaVersion: 2,
}
const event = (kind: string, body: Record<string, unknown>) => ({
  ...envelope,
  kind,
  body: { kind, ...body },
})
const aCase = { id: 'c1', title: 'Fire  at\nthe port', participants: ['nl-centre'], state: 'open' }

describe('readReceivedEvent', () => {
  it('reads a case opened and updated as the case to keep, its title on one line', () => {
    for (const kind of ['case.opened', 'case.updated']) {
      const read = readReceivedEvent(event(kind, { case: aCase, changed: [] }))
      expect(read).toMatchObject({
        ok: true,
        envelope: { kind, origin: 'be', status: 'actual' },
        change: { kind: 'upsert', itemKind: 'case', id: 'c1', caseId: 'c1', title: 'Fire at the port' },
      })
    }
  })

  it('reads a log entry and a correction naming the entry it supersedes', () => {
    const entry = { id: 'e2', caseId: 'c1', text: 'corrected', supersedes: 'e1' }
    expect(readReceivedEvent(event('log-entry.appended', { entry }))).toMatchObject({
      ok: true,
      change: { itemKind: 'log-entry', id: 'e2', caseId: 'c1', supersedes: 'e1' },
    })
    const daily = { ...entry, caseId: null, supersedes: null }
    expect(readReceivedEvent(event('log-entry.appended', { entry: daily }))).toMatchObject({
      ok: true,
      change: { caseId: null, supersedes: null },
    })
  })

  it('reads tasks, map features saved and removed, and receipts', () => {
    const task = { id: 't1', caseId: 'c1', title: 'Send pumps', assigneeOrgId: 'nl-centre' }
    expect(readReceivedEvent(event('task.updated', { task, changed: ['state'] }))).toMatchObject({
      ok: true,
      change: { itemKind: 'task', id: 't1', caseId: 'c1', title: 'Send pumps' },
    })
    const feature = { id: 'f1', caseId: 'c1', kind: 'perimeter', label: '', geometry: { type: 'Point' } }
    expect(readReceivedEvent(event('map-feature.saved', { feature }))).toMatchObject({
      ok: true,
      change: { itemKind: 'map-feature', title: 'perimeter' },
    })
    expect(readReceivedEvent(event('map-feature.removed', { featureId: 'f1', caseId: 'c1' }))).toMatchObject({
      ok: true,
      change: { kind: 'remove', itemKind: 'map-feature', id: 'f1' },
    })
    const receipt = {
      itemId: 'c1',
      itemKind: 'case',
      state: 'acknowledged',
      at: '2026-12-03T10:01:00.000Z',
      orgId: 'nl-centre',
      byName: 'Anna',
    }
    expect(readReceivedEvent(event('receipt.recorded', { receipts: [receipt] }))).toMatchObject({
      ok: true,
      change: { kind: 'receipts', receipts: [receipt] },
    })
  })

  it('reads a decision and an approved situation report, and refuses a report that is not approved', () => {
    const decision = { id: 'd1', caseId: 'c1', text: 'Evacuate  the\nport area', rationale: 'plume' }
    expect(readReceivedEvent(event('decision.recorded', { decision }))).toMatchObject({
      ok: true,
      change: {
        kind: 'upsert',
        itemKind: 'decision',
        id: 'd1',
        caseId: 'c1',
        title: 'Evacuate the port area',
      },
    })
    const sitrep = { id: 's1', caseId: 'c1', number: 3, version: 2, state: 'approved', conditions: 'calm' }
    expect(readReceivedEvent(event('sitrep.approved', { sitrep }))).toMatchObject({
      ok: true,
      change: { kind: 'upsert', itemKind: 'sitrep', id: 's1', caseId: 'c1', title: 'SITREP 3', item: sitrep },
    })
    expect(
      readReceivedEvent(event('sitrep.approved', { sitrep: { ...sitrep, state: 'draft' } })),
    ).toMatchObject({
      skip: 'malformed_body',
      detail: 'body.sitrep.state',
    })
    expect(readReceivedEvent(event('sitrep.approved', { sitrep: { ...sitrep, number: '3' } }))).toMatchObject(
      {
        skip: 'malformed_body',
        detail: 'body.sitrep.number',
      },
    )
    expect(
      readReceivedEvent(event('decision.recorded', { decision: { ...decision, text: '' } })),
    ).toMatchObject({
      skip: 'malformed_body',
      detail: 'body.decision',
    })
  })

  it('skips an unknown kind, a malformed envelope and a body not of its kind, with the reason', () => {
    expect(readReceivedEvent(event('sitrep.drafted', { sitrep: {} }))).toEqual({
      ok: false,
      skip: 'unknown_kind',
      detail: 'sitrep.drafted',
    })
    expect(readReceivedEvent({ ...event('case.opened', { case: aCase }), status: 'drill' })).toMatchObject({
      skip: 'malformed_envelope',
      detail: 'status',
    })
    expect(
      readReceivedEvent({ ...event('case.opened', { case: aCase }), distribution: { kind: 'x' } }),
    ).toMatchObject({ skip: 'malformed_envelope', detail: 'distribution' })
    expect(
      readReceivedEvent(event('case.opened', { case: { ...aCase, participants: 'all' } })),
    ).toMatchObject({
      skip: 'malformed_body',
      detail: 'body.case.participants',
    })
    expect(
      readReceivedEvent({ ...event('case.opened', { case: aCase }), body: { kind: 'case.updated' } }),
    ).toMatchObject({ skip: 'malformed_body' })
    const badReceipt = { itemId: 'c1', itemKind: 'case', state: 'read', at: 'x', orgId: null, byName: null }
    expect(readReceivedEvent(event('receipt.recorded', { receipts: [badReceipt] }))).toMatchObject({
      skip: 'malformed_body',
      detail: 'body.receipts',
    })
    expect(readReceivedEvent(null)).toMatchObject({ skip: 'malformed_envelope' })
  })

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom(
          'case.opened',
          'log-entry.appended',
          'task.created',
          'receipt.recorded',
          'map-feature.saved',
        ),
        (body, kind) => {
          readReceivedEvent(body)
          readReceivedEvent({ ...envelope, kind, body })
          readReceivedEvent({
            ...envelope,
            kind,
            body: { kind, case: body, entry: body, task: body, receipts: body, feature: body },
          })
        },
      ),
    )
  })
})

describe('receivedAudience', () => {
  const facts = {
    nodeId: 'nl',
    nodeOrgIds: ['nl-centre', 'nl-vr', 'nl-other'],
    centreOrgId: 'nl-centre',
    caseParticipants: new Map([['c1', ['be-centre', 'nl-vr']]]),
    groupMembers: new Map<string, string[]>(),
  }
  it("is the case's participants of this node, for a case this node received", () => {
    expect(
      receivedAudience(
        { origin: 'be', ownerOrgId: 'be-centre', distribution: { kind: 'case', caseId: 'c1' } },
        facts,
      ),
    ).toEqual(['nl-vr'])
  })
  it('is nobody for a case this node has not received', () => {
    expect(
      receivedAudience(
        { origin: 'be', ownerOrgId: 'be-centre', distribution: { kind: 'case', caseId: 'c2' } },
        facts,
      ),
    ).toEqual([])
  })
  it("is this node's centre for what is shared with the federation or this node as a neighbour", () => {
    expect(
      receivedAudience(
        { origin: 'be', ownerOrgId: 'be-centre', distribution: { kind: 'federation' } },
        facts,
      ),
    ).toEqual(['nl-centre'])
    expect(
      receivedAudience(
        { origin: 'be', ownerOrgId: 'be-centre', distribution: { kind: 'neighbours', nodes: ['lu'] } },
        facts,
      ),
    ).toEqual([])
  })
  it('is nobody for an item that says it comes from this node, or stays on its node', () => {
    expect(
      receivedAudience({ origin: 'nl', ownerOrgId: 'nl-vr', distribution: { kind: 'federation' } }, facts),
    ).toEqual([])
    expect(
      receivedAudience({ origin: 'be', ownerOrgId: 'nl-vr', distribution: { kind: 'national' } }, facts),
    ).toEqual([])
    expect(
      receivedAudience({ origin: 'be', ownerOrgId: 'nl-vr', distribution: { kind: 'organisation' } }, facts),
    ).toEqual([])
  })
})
