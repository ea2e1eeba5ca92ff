import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addOrganisation } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }

interface Outcome {
  id: string
  outcome: 'applied' | 'skipped-replay' | 'refused'
  entry?: { id: string; text: string; caseId: string | null }
  entryId?: string | null
  error?: { code: string; message: string; reason?: string }
}
interface BatchAnswer {
  applied: number
  skipped: number
  refused: number
  items: Outcome[]
}

const item = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
  id,
  discipline: 'multidisciplinary',
  source: 'phone',
  text,
  ...extra,
})

describe.each(engines.map((e) => [e.name, e] as const))('log batches on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  let police: Session
  let viewer: Session
  let closedCase: string

  const batch = (s: Session, items: unknown[], headers: Record<string, string> = {}) =>
    node.app.inject({
      method: 'POST',
      url: '/api/v1/log/batch',
      payload: { items },
      headers: { ...s.headers(), ...headers },
    })
  const count = async (table: 'events' | 'audit' | 'log_entries') =>
    Number(
      (
        await node.deps.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const counts = async () => ({
    events: await count('events'),
    audit: await count('audit'),
    entries: await count('log_entries'),
  })
  const lastAudit = () =>
    node.deps.store.db
      .selectFrom('audit')
      .select(['action', 'outcome', 'details'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()

  beforeAll(async () => {
    node = await startTestNode(engine)
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police fédérale', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    duty = await signedInAs(node, ['duty-officer'])
    police = await signedInAs(node, ['partner'], 'police')
    viewer = await signedInAs(node, ['viewer'])
    const opened = await node.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'incident',
        status: 'exercise',
        type: 'flood',
        title: 'Crue de la Vesdre',
        severity: 'major',
      },
      headers: duty.headers(),
    })
    expect(opened.statusCode).toBe(201)
    closedCase = opened.json<{ id: string }>().id
    const closed = await node.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${closedCase}`,
      payload: { state: 'closed' },
      headers: duty.headers(),
    })
    expect(closed.statusCode).toBe(200)
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('gives one outcome per item (applied, skipped as a replay, refused with its reason) and writes one audit row', async () => {
    const first = await batch(duty, [item('desk-1', 'Appel du CIC: calme')])
    expect(first.statusCode).toBe(200)
    const before = await counts()
    const mixed = [
      item('desk-2', 'Relevé Vesdre: 2,1 m'),
      item('desk-1', 'Appel du CIC: calme'),
      item('desk-3', 'Dans un dossier fermé', { caseId: closedCase }),
      item('desk-4', 'Dans le futur', { occurredAt: '2099-01-01T00:00:00Z' }),
      item('desk-5', 'Corrige desk-2'),
      item('desk-2', 'Le même identifiant deux fois'),
      item('desk-6', 'Dossier inconnu', { caseId: '01900000-0000-7000-8000-000000000000' }),
    ]
    const answer = await batch(duty, mixed)
    expect(answer.statusCode).toBe(200)
    const body = answer.json<BatchAnswer>()
    expect({ applied: body.applied, skipped: body.skipped, refused: body.refused }).toEqual({
      applied: 2,
      skipped: 2,
      refused: 3,
    })
    expect(body.items.map((o) => [o.id, o.outcome, o.error?.code])).toEqual([
      ['desk-2', 'applied', undefined],
      ['desk-1', 'skipped-replay', undefined],
      ['desk-3', 'refused', 'conflict'],
      ['desk-4', 'refused', 'validation_failed'],
      ['desk-5', 'applied', undefined],
      ['desk-2', 'skipped-replay', undefined],
      ['desk-6', 'refused', 'not_found'],
    ])
    expect(body.items[1]!.entryId).toBe(first.json<BatchAnswer>().items[0]!.entry!.id)
    expect(body.items[5]!.entryId).toBe(body.items[0]!.entry!.id)
    expect(body.items[2]!.error!.message).toContain('closed')
    // the refused item names its rule, as a single request's error body does
    expect(body.items[2]!.error!.reason).toBe('case_closed')
    // two entries, their two events, and one audit row for the whole batch
    expect(await counts()).toEqual({
      events: before.events + 2,
      audit: before.audit + 1,
      entries: before.entries + 2,
    })
    const audit = await lastAudit()
    expect(audit).toMatchObject({ action: 'log.append-batch', outcome: 'ok' })
    expect(audit.details).toMatchObject({
      items: 7,
      applied: 2,
      skipped: 2,
      refused: 3,
      refusals: [
        { id: 'desk-3', code: 'conflict' },
        { id: 'desk-4', code: 'validation_failed' },
        { id: 'desk-6', code: 'not_found' },
      ],
    })
    // the daily log shows them
    const log = await node.app.inject({ url: '/api/v1/log', headers: duty.headers() })
    expect(log.json<{ items: { text: string }[] }>().items.map((e) => e.text)).toEqual(
      expect.arrayContaining(['Appel du CIC: calme', 'Relevé Vesdre: 2,1 m', 'Corrige desk-2']),
    )

    // the whole batch again: every item applied before is skipped, nothing new is written
    const replay = await batch(duty, mixed)
    const again = replay.json<BatchAnswer>()
    expect({ applied: again.applied, skipped: again.skipped, refused: again.refused }).toEqual({
      applied: 0,
      skipped: 4,
      refused: 3,
    })
    const afterReplay = await counts()
    expect({ events: afterReplay.events, entries: afterReplay.entries }).toEqual({
      events: before.events + 2,
      entries: before.entries + 2,
    })
    // the attempt itself is audited: one row, saying it applied nothing
    expect(afterReplay.audit).toBe(before.audit + 2)
    expect((await lastAudit()).details).toMatchObject({ applied: 0, skipped: 4, refused: 3 })

    // sent again with the same Idempotency-Key, the batch writes nothing at all
    const keyed = await batch(duty, [item('desk-7', 'Avec une clé')], { 'idempotency-key': 'batch-7' })
    const counted = await counts()
    const keyedAgain = await batch(duty, [item('desk-7', 'Avec une clé')], { 'idempotency-key': 'batch-7' })
    expect(keyedAgain.headers['idempotent-replayed']).toBe('true')
    expect(keyedAgain.json()).toEqual(keyed.json())
    expect(await counts()).toEqual(counted)
  })

  it('keeps item ids per organisation: another organisation may use the same ids', async () => {
    const answer = await batch(police, [item('desk-1', 'Patrouille Verviers: RAS')])
    expect(answer.json<BatchAnswer>().items[0]).toMatchObject({ id: 'desk-1', outcome: 'applied' })
  })

  it('refuses the whole batch to a caller who may not write, with one audited refusal', async () => {
    const before = await counts()
    const refused = await batch(viewer, [item('v-1', 'Non')])
    expect(refused.statusCode).toBe(403)
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 })
    expect(await lastAudit()).toMatchObject({ action: 'http:POST /api/v1/log/batch', outcome: 'refused' })
  })

  it('refuses a malformed batch at the edge, naming the field', async () => {
    for (const items of [[], [item('', 'x')], [item('with space', 'x')], [{ ...item('a', 'x'), extra: 1 }]]) {
      const refused = await batch(duty, items)
      expect(refused.statusCode).toBe(400)
      expect(refused.json<{ error: { code: string; message: string } }>().error.message).toMatch(/items/)
    }
    const tooMany = await batch(
      duty,
      Array.from({ length: 501 }, (_, i) => item(`n-${i}`, 'x')),
    )
    expect(tooMany.statusCode).toBe(400)
  })

  it('applies each item once when two batches with the same items run at once', async () => {
    const before = await counts()
    const items = Array.from({ length: 20 }, (_, i) => item(`race-${i}`, `Entrée ${i}`))
    const answers = await Promise.all([batch(duty, items), batch(duty, items)])
    for (const a of answers) expect(a.statusCode).toBe(200)
    const bodies = answers.map((a) => a.json<BatchAnswer>())
    expect(bodies[0]!.applied + bodies[1]!.applied).toBe(20)
    expect(bodies[0]!.skipped + bodies[1]!.skipped).toBe(20)
    expect((await counts()).entries).toBe(before.entries + 20)
  })
})
