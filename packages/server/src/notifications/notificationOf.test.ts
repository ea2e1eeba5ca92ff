import type { DomainEventBody, StoredEvent } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { notificationOf } from './notificationOf.ts'

const centre = '00000000-0000-7000-8000-000000000001'
const police = '00000000-0000-7000-8000-000000000002'
const fire = '00000000-0000-7000-8000-000000000003'
const anna = '00000000-0000-7000-8000-0000000000a1'
const bart = '00000000-0000-7000-8000-0000000000b1'
const caseId = '00000000-0000-7000-8000-0000000000c1'
const at = new Date('2031-03-01T08:00:00Z')

/** An event of this node; no audience given: every organisation of the node sees it. */
function stored(body: unknown, audience: readonly string[] | null = null): StoredEvent {
  return {
    seq: 7,
    id: '00000000-0000-7000-8000-0000000000e1',
    at,
    kind: (body as { kind: string }).kind,
    subject: caseId,
    origin: 'be',
    orgId: centre,
    status: 'actual',
    distribution: audience === null ? { kind: 'national' } : { kind: 'case', caseId },
    tlp: 'AMBER',
    schemaVersion: 1,
    audience: audience ?? [centre, police, fire],
    body: body as DomainEventBody,
  } as StoredEvent
}

const task = (over: Record<string, unknown>) => ({
  kind: 'task.created',
  task: {
    caseId,
    title: 'Fermer la N633',
    assigneeOrgId: police,
    assigneeUserId: null,
    createdBy: anna,
    ...over,
  },
})
const theCase = (over: Record<string, unknown> = {}) => ({
  id: caseId,
  title: 'Crue de l’Ourthe',
  participants: [police],
  state: 'open',
  ...over,
})

describe('notificationOf', () => {
  it.each([
    [
      'a task for an organisation tells its members, not its creator',
      task({}),
      null,
      [{ kind: 'organisation', id: police }],
      anna,
    ],
    [
      'a task for a user tells that user',
      task({ assigneeUserId: bart }),
      null,
      [{ kind: 'user', id: bart }],
      anna,
    ],
    ['a task one gives oneself tells no one', task({ assigneeUserId: anna }), null, null, anna],
    ['a task for an organisation that may not see it tells no one', task({}), [centre], null, anna],
    [
      'a case opened tells its participants that may see it',
      { kind: 'case.opened', case: theCase({ participants: [police, fire] }) },
      [centre, police],
      [{ kind: 'organisation', id: police }],
      null,
    ],
    [
      'a case closed tells every organisation that may see it',
      { kind: 'case.updated', case: theCase({ state: 'closed' }), changed: ['state'] },
      [centre, fire],
      [
        { kind: 'organisation', id: centre },
        { kind: 'organisation', id: fire },
      ],
      null,
    ],
    [
      'a report approved tells every organisation of the node when the event is for the whole node',
      { kind: 'sitrep.approved', sitrep: { caseId, number: 3 } },
      null,
      [
        { kind: 'organisation', id: centre },
        { kind: 'organisation', id: police },
        { kind: 'organisation', id: fire },
      ],
      null,
    ],
    ['a log entry tells no one', { kind: 'log-entry.appended', entry: {} }, null, null, null],
    [
      'a case retitled tells no one',
      { kind: 'case.updated', case: theCase(), changed: ['title'] },
      null,
      null,
      null,
    ],
  ] as const)('%s', (_what, body, audience, recipients, byUserId) => {
    const n = notificationOf(stored(body, audience), [centre, police, fire])
    if (recipients === null) expect(n).toBeNull()
    else expect(n).toMatchObject({ seq: 7, at, caseId, recipients, byUserId })
  })

  it('names the kind and title of each notification', () => {
    expect(notificationOf(stored(task({})), [police])).toMatchObject({
      kind: 'task-assigned',
      title: 'Fermer la N633',
    })
    expect(
      notificationOf(stored({ kind: 'case.updated', case: theCase(), changed: ['participants'] }), [police]),
    ).toMatchObject({ kind: 'case-joined', title: 'Crue de l’Ourthe' })
    expect(
      notificationOf(stored({ kind: 'sitrep.approved', sitrep: { caseId, number: 3 } }), [police]),
    ).toMatchObject({ kind: 'sitrep-approved', title: '#3' })
  })
})

describe('new items from a partner centre', () => {
  const item = (n: number) => ({ origin: 'nl', kind: 'log-entry', id: `i${n}`, caseId, title: `Entry ${n}` })
  it('tells the organisation the event is for, naming the origin and how many more', () => {
    expect(
      notificationOf(stored({ kind: 'incoming.received', items: [item(1), item(2)] }, [centre]), []),
    ).toMatchObject({
      kind: 'incoming-item',
      caseId,
      title: 'NL: Entry 1 (+1)',
      recipients: [{ kind: 'organisation', id: centre }],
    })
  })
  it('tells nobody of an item whose ids are not UUIDs (a notification names a case), and never throws', () => {
    const odd = { origin: 'nl', kind: 'log-entry', id: 'entry:7', caseId: 'NL-2026-001', title: 'Odd' }
    expect(notificationOf(stored({ kind: 'incoming.received', items: [odd] }, [centre]), [])).toBeNull()
    expect(
      notificationOf(
        stored({ kind: 'incoming.received', items: [{ ...odd, caseId: null, id: caseId }] }, [centre]),
        [],
      ),
    ).toMatchObject({ caseId })
  })
  it('tells nobody of an empty list, nor an organisation the event is not for', () => {
    expect(notificationOf(stored({ kind: 'incoming.received', items: [] }, [centre]), [])).toBeNull()
    expect(notificationOf(stored({ kind: 'incoming.received', items: [item(1)] }, [police]), [])).toBeNull()
  })
})
