import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredEvent } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import {
  addOrganisation,
  bindNode,
  listOrganisations,
  migrate,
  openStore,
  readEvents,
  sha256Hex,
  verifyAuditChain,
} from '@liaison/server'
import { sql } from 'kysely'
import { testEngines } from '../support/engines.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
const operator = { kind: 'operator', label: 'test' } as const

describe.each(engines.map((e) => [e.name, e] as const))('store contract on %s', (_name, engine) => {
  let node: TestNode
  beforeEach(async () => {
    node = await startTestNode(engine)
  })
  afterEach(async () => {
    await node.dispose()
  })

  const add = (code: string, name = `Partner ${code}`) =>
    addOrganisation(node.deps, {
      organisation: { code, name, kind: 'partner', country: 'BE' },
      caller: operator,
      source: 'test',
    })

  it('migrates once; running the migrations again changes nothing', async () => {
    expect((await migrate(node.deps.store.db)).applied).toEqual([])
    const tables = await sql<{
      table_name: string
    }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(
      node.deps.store.db,
    )
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'audit',
        'audit_head',
        'events',
        'node_meta',
        'organisations',
        'schema_migrations',
      ]),
    )
  })

  it('starts with its centre, created on first start and audited', async () => {
    const orgs = await listOrganisations(node.deps.store.db, 'be')
    expect(orgs).toMatchObject([
      { code: 'centre', kind: 'centre', name: 'Centre de crise national (NCCN)', parentId: null },
    ])
    const audit = await node.deps.store.db.selectFrom('audit').selectAll().execute()
    expect(audit).toMatchObject([
      { seq: 1, actor: 'system:start-up', action: 'organisation.add', outcome: 'ok' },
    ])
  })

  it('writes the state, its event and its audit row together, and round-trips every field', async () => {
    const seen: StoredEvent[] = []
    node.deps.bus.subscribe((events) => seen.push(...events))
    const org = await add('police-federale', 'Police fédérale – DGR')
    const [stored] = (await listOrganisations(node.deps.store.db, 'be')).filter(
      (o) => o.code === 'police-federale',
    )
    expect(stored).toEqual(org)
    expect(stored?.createdAt).toBeInstanceOf(Date)
    const events = await node.deps.store.db
      .selectFrom('events')
      .selectAll()
      .where('subject', '=', org.id)
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      kind: 'organisation.added',
      org_id: org.id,
      body: { organisation: { code: 'police-federale' } },
    })
    // after the commit (on PostgreSQL through NOTIFY and a read, so a moment later)
    await expect.poll(() => seen.map((e) => e.seq)).toEqual([events[0]!.seq])
    const audit = await node.deps.store.db
      .selectFrom('audit')
      .selectAll()
      .where('target', '=', org.id)
      .execute()
    expect(audit).toMatchObject([
      {
        actor: 'operator:test',
        outcome: 'ok',
        source: 'test',
        details: { code: 'police-federale', events: [events[0]!.seq] },
      },
    ])
  })

  it('refuses a duplicate code: nothing written but the audited refusal', async () => {
    await add('d1')
    const before = await node.deps.store.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const duplicate = add('d1')
    await expect(duplicate).rejects.toMatchObject({ code: 'conflict' })
    await expect(duplicate).rejects.toThrow("'d1' already exists")
    const after = await node.deps.store.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    const refusal = await node.deps.store.db
      .selectFrom('audit')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(refusal).toMatchObject({
      outcome: 'refused',
      code: 'conflict',
      target: 'd1',
      action: 'organisation.add',
    })
    expect((await verifyAuditChain(node.deps.store.db, sha256Hex)).ok).toBe(true)
  })

  it('refuses an invalid organisation with every problem, and a second centre', async () => {
    const invalid = addOrganisation(node.deps, {
      organisation: { code: 'Bad Code', name: 'x', kind: 'partner', country: 'BE' },
      caller: operator,
      source: 'test',
    })
    await expect(invalid).rejects.toBeInstanceOf(LiaisonError)
    await expect(invalid).rejects.toMatchObject({
      code: 'validation_failed',
      details: { problems: [expect.stringContaining('code'), expect.stringContaining('name')] },
    })
    await expect(
      addOrganisation(node.deps, {
        organisation: { code: 'nccn2', name: 'Another centre', kind: 'centre', country: 'BE' },
        caller: operator,
        source: 'test',
      }),
    ).rejects.toMatchObject({ code: 'conflict' })
  })

  it('numbers events in commit order when 32 writers run at once: a reader that resumes all the while sees each event once, in order; two racing for one code get one conflict', async () => {
    const published: number[] = []
    node.deps.bus.subscribe((events) => published.push(...events.map((e) => e.seq)))
    const db = node.deps.store.db
    const start = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow()
    // a reader that resumes after the last seq it saw, a few events at a time, while the writers run
    const read: number[] = []
    let writing = true
    let resumes = 0
    const reader = (async () => {
      let last = Number(start.seq ?? 0)
      for (;;) {
        const done = !writing
        const page = await readEvents(db, last, 3)
        resumes++
        for (const e of page) read.push(e.seq)
        if (page.length > 0) last = page.at(-1)!.seq
        else if (done) return
      }
    })()
    const results = await Promise.allSettled([
      ...Array.from({ length: 32 }, (_, i) => add(`p${i}`)),
      add('same'),
      add('same'),
    ])
    writing = false
    await reader
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(33)
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(rejected.map((r) => (r.reason as LiaisonError).code)).toEqual(['conflict'])
    const rows = await db.selectFrom('events').select('seq').orderBy('seq').execute()
    const committed = rows.slice(-33).map((r) => r.seq)
    // no seq skipped: the numbers run on without a gap
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1))
    // the resuming reader saw every event exactly once, in order
    expect(read).toEqual(committed)
    expect(resumes).toBeGreaterThan(11)
    // every committed event reaches the bus once, in seq order
    await expect.poll(() => published).toEqual(committed)
    // the audit rows of the successful writes list their events in the same order as the seqs
    const audited = await db
      .selectFrom('audit')
      .select('details')
      .where('outcome', '=', 'ok')
      .orderBy('seq')
      .execute()
    const auditedSeqs = audited.flatMap((a) => (a.details as { events?: number[] } | null)?.events ?? [])
    expect(auditedSeqs).toEqual(rows.map((r) => r.seq))
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({ ok: true, rows: 35 })
    // a row changed in the middle of the concurrent run is named
    await sql`update audit set target = 'mallory' where seq = 17`.execute(db)
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({
      ok: false,
      problem: { kind: 'changed', seq: 17 },
    })
  })

  it('detects an audit row changed, deleted or inserted behind its back', async () => {
    for (const code of ['a1', 'a2', 'a3', 'a4']) await add(code)
    const db = node.deps.store.db
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({ ok: true, rows: 5 })

    await sql`update audit set actor = 'operator:mallory' where seq = 3`.execute(db)
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({
      ok: false,
      problem: { kind: 'changed', seq: 3 },
    })
    await sql`update audit set actor = 'operator:test' where seq = 3`.execute(db)
    expect((await verifyAuditChain(db, sha256Hex)).ok).toBe(true)

    await sql`delete from audit where seq = 5`.execute(db)
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({ ok: false, problem: { kind: 'head' } })
    await sql`delete from audit where seq = 2`.execute(db)
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({
      ok: false,
      problem: { kind: 'gap', seq: 3, expectedSeq: 2 },
    })
  })

  it('detects a row appended behind its back', async () => {
    await add('b1')
    const db = node.deps.store.db
    await sql`insert into audit (seq, id, at, actor, action, outcome, prev_hash, hash)
      select seq + 1, '01a225ba-0000-7000-8000-000000000001', now(), 'operator:mallory', 'organisation.add', 'ok', hash, repeat('f', 64)
      from audit order by seq desc limit 1`.execute(db)
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({
      ok: false,
      problem: { kind: 'changed', seq: 3 },
    })
  })

  it("refuses to start another node on this node's database", async () => {
    await expect(bindNode(node.deps.store.db, 'nl')).rejects.toMatchObject({
      code: 'config_invalid',
      message: "this database belongs to node 'be', not 'nl': check node.id or the store",
    })
  })

  it('keeps what was committed across a close and a reopen', async () => {
    const org = await add('kept')
    await node.close()
    const store = await openStore(node.storeOptions)
    try {
      expect((await listOrganisations(store.db, 'be')).map((o) => o.id)).toContain(org.id)
    } finally {
      await store.close()
    }
  })
})
