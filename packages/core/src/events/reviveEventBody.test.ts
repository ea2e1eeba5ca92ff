import { describe, expect, it } from 'vitest'
import type { Case } from '../cases/Case.ts'
import type { Sitrep } from '../cases/Sitrep.ts'
import type { DomainEventBody } from './DomainEvent.ts'
import { reviveEventBody } from './reviveEventBody.ts'

const t1 = new Date('2026-12-02T13:05:00.250Z')
const t2 = new Date('2026-12-02T15:00:00Z')

const aCase: Case = {
  id: 'c1',
  ownerOrgId: 'o1',
  kind: 'incident',
  status: 'exercise',
  type: 'flood',
  title: '2026-12-02T13:05:00.000Z',
  description: '',
  location: null,
  startsAt: t1,
  endsAt: null,
  severity: 'major',
  state: 'open',
  disciplines: [],
  scaling: null,
  participants: ['o2'],
  createdAt: t1,
  createdBy: 'u1',
  updatedAt: t2,
  fromLogEntry: null,
}

const bodies: DomainEventBody[] = [
  { kind: 'case.opened', case: aCase },
  { kind: 'case.updated', case: { ...aCase, endsAt: t2 }, changed: ['endsAt'] },
  {
    kind: 'log-entry.appended',
    entry: {
      id: 'e1',
      caseId: 'c1',
      orgId: 'o1',
      authorId: 'u1',
      authorName: 'A',
      occurredAt: t1,
      occurred: { at: t1, zone: 'Europe/Brussels', qualifier: 'range', until: t2 },
      recordedAt: t2,
      discipline: 'be-d3-police',
      source: 'radio',
      text: '2026-12-02T13:05:00Z',
      location: null,
      supersedes: null,
    },
  },
  {
    kind: 'task.created',
    task: {
      id: 't1',
      caseId: 'c1',
      ownerOrgId: 'o1',
      title: 'x',
      description: '',
      assigneeOrgId: 'o2',
      assigneeUserId: null,
      dueAt: t2,
      state: 'open',
      priority: 'normal',
      fromLogEntry: null,
      createdBy: 'u1',
      createdAt: t1,
      updatedAt: t1,
    },
  },
  {
    kind: 'decision.recorded',
    decision: {
      id: 'd1',
      caseId: 'c1',
      text: 'x',
      decidedBy: 'B',
      rationale: '',
      decidedAt: t1,
      fromLogEntry: null,
      recordedBy: 'u1',
      recordedAt: t2,
    },
  },
  {
    kind: 'attachment.added',
    attachment: {
      id: 'a1',
      logEntryId: 'e1',
      caseId: null,
      fileName: 'f',
      contentType: 'text/plain',
      size: 1,
      sha256: 'ab',
      createdAt: t1,
    },
  },
]

const timeless: DomainEventBody[] = [
  { kind: 'roster.changed', orgId: 'o1' },
  { kind: 'map-feature.removed', featureId: 'f1', caseId: 'c1' },
]

describe('reviveEventBody', () => {
  it.each(bodies.map((b) => [b.kind, b] as const))('%s: its times come back as dates', (kind, body) => {
    const json: unknown = JSON.parse(JSON.stringify(body))
    expect(json).not.toEqual(body)
    expect(reviveEventBody(kind, json)).toEqual(body)
  })

  it.each(timeless.map((b) => [b.kind, b] as const))('%s: has no times and stays as it is', (kind, body) => {
    expect(reviveEventBody(kind, JSON.parse(JSON.stringify(body)))).toEqual(body)
  })

  it('a sitrep keeps its null times null', () => {
    const sitrep = {
      periodFrom: t1,
      periodTo: t2,
      nextUpdateAt: null,
      approvedAt: null,
      createdAt: t1,
      updatedAt: t2,
    }
    const body = { kind: 'sitrep.drafted', sitrep: sitrep as unknown as Sitrep } as const
    expect(reviveEventBody('sitrep.drafted', JSON.parse(JSON.stringify(body)))).toEqual(body)
  })

  it('leaves texts that look like times, and bodies of another shape, as they are', () => {
    const revived = reviveEventBody(
      'case.opened',
      JSON.parse(JSON.stringify({ kind: 'case.opened', case: aCase })),
    )
    expect(revived.kind === 'case.opened' && revived.case.title).toBe('2026-12-02T13:05:00.000Z')
    expect(reviveEventBody('case.opened', { kind: 'case.opened', n: 1 })).toEqual({
      kind: 'case.opened',
      n: 1,
    })
    expect(reviveEventBody('organisation.added', null)).toBeNull()
  })
})
