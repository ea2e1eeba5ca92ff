import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventDraft } from '@liaison/core'
import type { RunningNode } from '@liaison/server'
import { addOrganisation, applyInboxBatch, inboxOutcomes, listInbox, runAction } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestEngine } from '../support/engines.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import type { FederatedNode } from '../support/federatedNodes.ts'
import { federatedNode, trustPeer, waitFor } from '../support/federatedNodes.ts'

const engines = await testEngines()
const operator = { kind: 'operator', label: 'test' } as const
const root = mkdtempSync(join(tmpdir(), 'liaison-fedapply-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const runningNode = (engine: TestEngine, id: string, country: string) =>
  federatedNode(engine, root, id, country)
/** `a` trusts `b`: its URL, key, organisations, and a policy taking cases and what goes to centres. */
const trust = (a: RunningNode, b: RunningNode) => trustPeer(a, b)

const partner = (node: RunningNode, code: string) =>
  addOrganisation(node.deps, {
    organisation: { code, name: `${code} ${node.deps.nodeId}`, kind: 'partner', country: 'NL' },
    caller: { kind: 'system', label: 'test' },
    source: 'test',
  })

type Session = Awaited<ReturnType<typeof signedInAs>>
const as = (node: RunningNode, roles: Parameters<typeof signedInAs>[1], org?: string) =>
  signedInAs(node as unknown as TestNode, roles, org)
const get = (node: RunningNode, s: Session, url: string) => node.app.inject({ url, headers: s.headers() })
const post = (node: RunningNode, s: Session, url: string, payload?: object) =>
  node.app.inject({ method: 'POST', url, headers: s.headers(), ...(payload ? { payload } : {}) })

interface Incoming {
  origin: string
  originName: string | null
  kind: string
  id: string
  caseId: string | null
  title: string
  status: string
  tlp: string
  supersededBy: string | null
  acknowledgedAt: string | null
  acknowledgedBy: string | null
}
const incoming = async (node: RunningNode, s: Session, query = '') => {
  const res = await get(node, s, `/api/v1/federation/incoming${query}`)
  expect(res.statusCode).toBe(200)
  return res.json<{ items: Incoming[]; next: string | null }>().items
}

async function openCase(
  be: RunningNode,
  duty: Session,
  input: { title: string; status: string; participants: string[] },
) {
  const res = await post(be, duty, '/api/v1/cases', {
    kind: 'incident',
    type: 'flood',
    severity: 'major',
    location: { lon: 5.7, lat: 50.8 },
    ...input,
  })
  expect(res.statusCode).toBe(201)
  return res.json<{ id: string }>().id
}

/** Daily-log entries of BE's centre shared with the federation (NL's centre sees them), as `texts`. */
async function federationEntries(be: RunningNode, texts: readonly string[]) {
  const centre = await be.deps.store.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', 'centre')
    .executeTakeFirstOrThrow()
  const ids: string[] = []
  await runAction(be.deps, { action: 'test.log', actor: operator, source: 'test' }, async (ctx) => {
    for (const text of texts) {
      const id = be.deps.ids.next()
      ids.push(id)
      const at = new Date()
      const draft: EventDraft = {
        body: {
          kind: 'log-entry.appended',
          entry: {
            id,
            caseId: null,
            orgId: centre.id,
            authorId: 'test',
            authorName: 'Test',
            occurred: { at, zone: 'Europe/Brussels', qualifier: 'exact' },
            occurredAt: at,
            recordedAt: at,
            discipline: 'multidisciplinary',
            source: 'phone',
            text,
            location: null,
            supersedes: null,
          },
        },
        subject: id,
        orgId: centre.id,
        distribution: { kind: 'federation' },
        tlp: 'GREEN',
        status: 'actual',
      }
      ctx.emit(draft)
    }
    await Promise.resolve()
  })
  return ids
}

const receivedCount = async (node: RunningNode) =>
  Number(
    (
      await node.deps.store.db
        .selectFrom('received_items')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe.each(engines.map((e) => [e.name, e] as const))(
  'applying what partners send on %s',
  (_name, engine) => {
    let be: FederatedNode
    let nl: FederatedNode
    beforeEach(async () => {
      be = await runningNode(engine, 'be', 'BE')
      nl = await runningNode(engine, 'nl', 'NL')
      await partner(nl.node, 'vr')
      await partner(nl.node, 'other')
      await trust(be.node, nl.node)
      await trust(nl.node, be.node)
    })
    afterEach(async () => {
      await be.dispose()
      await nl.dispose()
    })

    it('shows a case shared BE→NL, its log and its correction to the NL organisation taking part only; its acknowledgement reaches BE', async () => {
      const beDuty = await as(be.node, ['duty-officer'])
      const vr = await as(nl.node, ['duty-officer'], 'vr')
      const vrViewer = await as(nl.node, ['viewer'], 'vr')
      const nlCentre = await as(nl.node, ['duty-officer'])
      const other = await as(nl.node, ['duty-officer'], 'other')
      const caseId = await openCase(be.node, beDuty, {
        title: 'Crue de la Meuse à Visé',
        status: 'actual',
        participants: ['nl:vr'],
      })
      const log = (payload: object) => post(be.node, beDuty, `/api/v1/cases/${caseId}/log`, payload)
      const first = await log({ discipline: 'be-d1-rescue', source: 'radio', text: 'Digue rompue, 300 m' })
      expect(first.statusCode).toBe(201)
      const firstId = first.json<{ id: string }>().id
      const fix = await log({
        discipline: 'be-d1-rescue',
        source: 'radio',
        text: 'Correction: 500 m',
        supersedes: firstId,
      })
      const fixId = fix.json<{ id: string }>().id
      // a case NL takes no part in never leaves BE
      const alone = await openCase(be.node, beDuty, {
        title: 'Incendie à Liège',
        status: 'actual',
        participants: [],
      })

      await waitFor(async () => (await receivedCount(nl.node)) >= 3)
      const seen = await incoming(nl.node, vr)
      expect(seen.map((i) => [i.kind, i.id]).sort()).toEqual(
        [
          ['case', caseId],
          ['log-entry', firstId],
          ['log-entry', fixId],
        ].sort(),
      )
      expect(seen.find((i) => i.kind === 'case')).toMatchObject({
        origin: 'be',
        originName: 'Centre be',
        title: 'Crue de la Meuse à Visé',
        status: 'actual',
        tlp: 'AMBER',
        acknowledgedAt: null,
      })
      expect(seen.map((i) => i.id)).not.toContain(alone)
      expect(await incoming(nl.node, vrViewer)).toHaveLength(3)
      // vr is told, in its notifications; nobody else is
      type Note = { kind: string; title: string }
      const notes = async (s: Session) =>
        (await get(nl.node, s, '/api/v1/notifications'))
          .json<{ items: Note[] }>()
          .items.filter((n) => n.kind === 'incoming-item')
      await waitFor(async () => (await notes(vr)).length > 0)
      expect((await notes(vr)).map((n) => n.title).join(' ')).toContain('BE: Crue de la Meuse à Visé')
      expect(await notes(nlCentre)).toEqual([])
      expect(await notes(other)).toEqual([])
      // NL's centre and its other partner are not taking part
      expect(await incoming(nl.node, nlCentre)).toEqual([])
      expect(await incoming(nl.node, other)).toEqual([])
      expect(
        (await get(nl.node, nlCentre, `/api/v1/federation/incoming/be/cases/${caseId}`)).statusCode,
      ).toBe(404)

      // the case, read only, with its log: the first entry superseded by its correction
      const opened = await get(nl.node, vr, `/api/v1/federation/incoming/be/cases/${caseId}`)
      expect(opened.statusCode).toBe(200)
      expect(opened.json()).toMatchObject({ origin: 'be', kind: 'case', item: { id: caseId, state: 'open' } })
      const entries = (
        await get(nl.node, vr, `/api/v1/federation/incoming/be/cases/${caseId}/items?limit=1`)
      ).json<{
        items: Incoming[]
        next: string | null
      }>()
      expect(entries.items.map((e) => [e.id, e.supersededBy])).toEqual([[firstId, fixId]])
      const rest = await get(
        nl.node,
        vr,
        `/api/v1/federation/incoming/be/cases/${caseId}/items?limit=1&after=${entries.next ?? ''}`,
      )
      expect(rest.json<{ items: Incoming[] }>().items.map((e) => [e.id, e.title])).toEqual([
        [fixId, 'Correction: 500 m'],
      ])

      // BE closes the case: NL sees it closed
      const closed = await be.node.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${caseId}`,
        headers: beDuty.headers(),
        payload: { state: 'closed' },
      })
      expect(closed.statusCode).toBe(200)
      await waitFor(async () => {
        const c = await get(nl.node, vr, `/api/v1/federation/incoming/be/cases/${caseId}`)
        return (c.json<{ item: { state?: string } }>().item.state ?? '') === 'closed'
      })

      // acknowledgement: a duty officer of an organisation that sees it, once
      const path = '/api/v1/federation/acknowledgements'
      const item = { origin: 'be', kind: 'case', id: caseId }
      expect((await post(nl.node, vrViewer, path, item)).statusCode).toBe(403)
      expect((await post(nl.node, nlCentre, path, item)).statusCode).toBe(404)
      expect((await post(nl.node, vr, path, { ...item, kind: 'sitrep' })).statusCode).toBe(400)
      const ack = await post(nl.node, vr, path, item)
      expect(ack.statusCode).toBe(200)
      expect(ack.json()).toMatchObject({ acknowledgedBy: vr.account.user.username })
      expect((await post(nl.node, vr, path, item)).statusCode).toBe(200)
      expect(await incoming(nl.node, vr, '?unacknowledged=true')).toHaveLength(2)

      // on BE: delivered for the case and each entry, acknowledged once, by whom
      type Receipt = {
        itemId: string
        node: string
        state: string
        orgName: string | null
        byName: string | null
      }
      const receipts = async () =>
        (await get(be.node, beDuty, `/api/v1/cases/${caseId}/receipts`)).json<{ items: Receipt[] }>().items
      await waitFor(async () => (await receipts()).some((r) => r.state === 'acknowledged'))
      const got = await receipts()
      expect(got.filter((r) => r.state === 'acknowledged')).toEqual([
        expect.objectContaining({
          itemId: caseId,
          node: 'nl',
          orgName: 'vr nl',
          byName: vr.account.user.username,
        }),
      ])
      expect(
        got
          .filter((r) => r.state === 'delivered')
          .map((r) => r.itemId)
          .sort(),
      ).toEqual([caseId, firstId, fixId].sort())
      // the receipts went back to BE only, and hop nowhere: no receipt of a receipt
      const beOther = await as(be.node, ['viewer'])
      expect((await get(be.node, beOther, `/api/v1/cases/${alone}/receipts`)).json()).toEqual({ items: [] })
      expect(await inboxOutcomes(nl.node.deps.store.db, 'be')).toMatchObject({ waiting: 0, skipped: 0 })
    })

    it('keeps an exercise case apart: never among the actual items, and only with ?status=exercise', async () => {
      const beDuty = await as(be.node, ['duty-officer'])
      const vr = await as(nl.node, ['duty-officer'], 'vr')
      const exercise = await openCase(be.node, beDuty, {
        title: 'Exercice: fuite de chlore',
        status: 'exercise',
        participants: ['nl:vr'],
      })
      const actual = await openCase(be.node, beDuty, {
        title: 'Crue réelle',
        status: 'actual',
        participants: ['nl:vr'],
      })
      await waitFor(async () => (await receivedCount(nl.node)) >= 2)
      expect((await incoming(nl.node, vr)).map((i) => i.id)).toEqual([actual])
      expect((await incoming(nl.node, vr, '?status=exercise')).map((i) => [i.id, i.status])).toEqual([
        [exercise, 'exercise'],
      ])
      expect(await incoming(nl.node, vr, '?status=test')).toEqual([])
      expect((await get(nl.node, vr, '/api/v1/federation/incoming?status=drill')).statusCode).toBe(400)
    })

    it('applies a batch whole or not at all: a failure mid-batch and a restart neither lose nor double', async () => {
      const db = () => nl.node.deps.store.db
      // a fault in the middle of a batch: the write of the sixth item fails
      await sql`create function fail_boom() returns trigger language plpgsql as $$
      begin if new.title = 'boom' then raise exception 'boom'; end if; return new; end $$`.execute(db())
      await sql`create trigger fail_boom before insert or update on received_items
      for each row execute function fail_boom()`.execute(db())
      const texts = Array.from({ length: 10 }, (_, i) => (i === 5 ? 'boom' : `entry ${i}`))
      const ids = await federationEntries(be.node, texts)
      await waitFor(async () => (await listInbox(db(), 'be')).length >= 10)
      await new Promise((r) => setTimeout(r, 500))
      // nothing of the batch is kept, nothing is marked
      expect(await receivedCount(nl.node)).toBe(0)
      expect(await inboxOutcomes(db(), 'be')).toEqual({ applied: 0, skipped: 0, waiting: 10 })
      // NL restarted, the fault mended: everything applied, once
      await nl.node.close()
      await nl.start()
      await sql`drop trigger fail_boom on received_items`.execute(db())
      await waitFor(async () => (await inboxOutcomes(db(), 'be')).waiting === 0)
      const rows = await db()
        .selectFrom('received_items')
        .select(['id', 'title', 'audience'])
        .orderBy('id')
        .execute()
      expect(rows.map((r) => r.id)).toEqual([...ids].sort())
      expect(rows.find((r) => r.title === 'boom')).toBeTruthy()
      // every entry is seen by NL's centre (shared with the federation)
      const centre = await db()
        .selectFrom('organisations')
        .select('id')
        .where('code', '=', 'centre')
        .executeTakeFirstOrThrow()
      expect(rows.every((r) => r.audience.length === 1 && r.audience[0] === centre.id)).toBe(true)
      // one delivered receipt per item, in NL's events
      const deliveredIds = async () =>
        (await db().selectFrom('events').select('body').where('kind', '=', 'receipt.recorded').execute())
          .flatMap((e) => (e.body as { receipts: { itemId: string }[] }).receipts.map((r) => r.itemId))
          .sort()
      // the applier's events are numbered by the sequencer just after its commit
      await waitFor(async () => (await deliveredIds()).length >= ids.length)
      expect(await deliveredIds()).toEqual([...ids].sort())

      // applying the same entries again changes nothing
      const before = await db().selectFrom('received_items').selectAll().orderBy('id').execute()
      await db().updateTable('federation_inbox').set({ applied_at: null, outcome: null }).execute()
      expect(await applyInboxBatch(nl.node.deps, 'be')).toEqual({ applied: 10, skipped: 0 })
      expect(await db().selectFrom('received_items').selectAll().orderBy('id').execute()).toEqual(before)
    })

    it('keeps an entry of a kind it does not apply, counted as skipped, and goes on', async () => {
      const centre = await be.node.deps.store.db
        .selectFrom('organisations')
        .select('id')
        .where('code', '=', 'centre')
        .executeTakeFirstOrThrow()
      await runAction(be.node.deps, { action: 'test.plan', actor: operator, source: 'test' }, async (ctx) => {
        ctx.emit({
          body: { kind: 'plan.saved', planId: 'p1' },
          subject: 'p1',
          orgId: centre.id,
          distribution: { kind: 'federation' },
          tlp: 'GREEN',
        })
        await Promise.resolve()
      })
      const [after] = await federationEntries(be.node, ['after the plan'])
      await waitFor(async () => (await inboxOutcomes(nl.node.deps.store.db, 'be')).applied >= 1)
      expect(await inboxOutcomes(nl.node.deps.store.db, 'be')).toEqual({ applied: 1, skipped: 1, waiting: 0 })
      const nlCentre = await as(nl.node, ['duty-officer'])
      expect((await incoming(nl.node, nlCentre)).map((i) => i.id)).toEqual([after])
      const audit = await nl.node.deps.store.db
        .selectFrom('audit')
        .select('details')
        .where('action', '=', 'federation.apply')
        .execute()
      expect(JSON.stringify(audit.map((a) => a.details))).toContain('unknown_kind: plan.saved')
    })
  },
)
