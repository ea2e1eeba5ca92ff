import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import type { Database, RunningWorkProcessor, Store, WorkProcessor } from '@liaison/server'
import {
  EventBus,
  addOrganisation,
  migrate,
  openStore,
  readEvents,
  readProcessorCursor,
  runFollower,
  runWorkProcessor,
  startNode,
  startProcessors,
} from '@liaison/server'
import type { ProcessorChildArgs } from '../support/processorChild.ts'
import type { TestEngine } from '../support/engines.ts'
import { testEngines } from '../support/engines.ts'
import { cliEnv, repoRoot } from '../support/runCli.ts'
import { signedInAs } from '../support/identity.ts'
import { openSse } from '../support/sseClient.ts'
import type { TestNode } from '../support/testNode.ts'
import { captureLog, startTestNode, testConfig } from '../support/testNode.ts'

const engines = await testEngines()
const postgres = engines.find((e) => e.name === 'postgres')
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A fresh, migrated database with a `seen` table for the test processors to write in. */
async function freshStore(engine: TestEngine) {
  const fresh = await engine.fresh()
  const store = await openStore(fresh.options)
  await migrate(store.db)
  await sql`create table seen (seq bigint not null, by text)`.execute(store.db)
  return { store, options: fresh.options, dispose: () => fresh.dispose() }
}

/** The owner of the events written by hand (no organisation row needs to exist for it). */
const handOwner = randomUUID()

/** Events written by hand, numbered after those there (the sequencer's job in a node). */
async function addEvents(db: Kysely<Database>, count: number): Promise<number> {
  const head = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  const from = Number(head?.seq ?? 0)
  await db
    .insertInto('events')
    .values(
      Array.from({ length: count }, (_, i) => ({
        seq: from + i + 1,
        id: randomUUID(),
        at: new Date('2031-03-01T08:00:00Z'),
        kind: 'log-entry.appended',
        subject: 'test',
        origin: 'test',
        org_id: handOwner,
        status: 'actual' as const,
        distribution: JSON.stringify({ kind: 'organisation' }),
        tlp: 'AMBER' as const,
        schema_version: 1,
        audience: [handOwner],
        body: JSON.stringify({ kind: 'log-entry.appended' }),
      })),
    )
    .execute()
  return from + count
}

async function seenSeqs(db: Kysely<Database>): Promise<number[]> {
  const { rows } = await sql<{ seq: number }>`select seq from seen order by seq`.execute(db)
  return rows.map((r) => Number(r.seq))
}

/** A processor that writes the seqs it is given into `seen`, as `by`. */
function recorder(by: string, extra: (events: readonly { seq: number }[]) => Promise<void> = async () => {}) {
  const batches: number[][] = []
  const processor: WorkProcessor = {
    name: 'seen',
    kinds: null,
    async handle({ tx, events }) {
      batches.push(events.map((e) => e.seq))
      for (const e of events) await sql`insert into seen (seq, by) values (${e.seq}, ${by})`.execute(tx)
      await extra(events)
    },
  }
  return { processor, batches }
}

async function until(what: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await sleep(20)
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe.each(engines.map((e) => [e.name, e] as const))('work processors on %s', (_name, engine) => {
  it('handles the events written before it first started, from cursor 0, in batches, in order', async () => {
    const db = await freshStore(engine)
    cleanups.push(db.dispose, () => db.store.close())
    const head = await addEvents(db.store.db, 25)
    const { processor, batches } = recorder('one')
    const running = await runWorkProcessor({
      store: db.store,
      bus: new EventBus(),
      log: captureLog().log,
      processor,
      options: { batchSize: 10, pollMs: 50 },
    })
    cleanups.push(() => running.close())
    await until(async () => (await readProcessorCursor(db.store.db, 'seen')) === head)
    expect(batches).toEqual([range(1, 10), range(11, 20), range(21, 25)])
    expect(await seenSeqs(db.store.db)).toEqual(range(1, 25))
  })

  it('retries a batch that failed half-way, with back-off, and handles every event exactly once', async () => {
    const db = await freshStore(engine)
    cleanups.push(db.dispose, () => db.store.close())
    await addEvents(db.store.db, 12)
    let failuresLeft = 2
    const attempts: number[] = []
    const { processor } = recorder('one', async (events) => {
      attempts.push(Date.now())
      // the batch's rows are written, then it fails: they must roll back with it
      if (events.some((e) => e.seq === 15) && failuresLeft-- > 0) throw new Error('the mail server is down')
    })
    const { log, captured } = captureLog()
    const bus = new EventBus()
    const running = await runWorkProcessor({
      store: db.store,
      bus,
      log,
      processor,
      options: { batchSize: 10, pollMs: 60_000, firstRetryMs: 100 },
    })
    cleanups.push(() => running.close())
    await until(async () => (await readProcessorCursor(db.store.db, 'seen')) === 12)
    // new events wake it through the bus; the batch with 15 fails twice
    const head = await addEvents(db.store.db, 8)
    running.wake()
    await until(async () => (await readProcessorCursor(db.store.db, 'seen')) === head)
    expect(await seenSeqs(db.store.db)).toEqual(range(1, head))
    expect(failuresLeft).toBe(-1)
    const failed = captured.lines.filter((l) => l['msg'] === 'a processor batch failed; trying it again')
    expect(failed.map((l) => l['failures'])).toEqual([1, 2])
    expect(failed.map((l) => l['retryInMs'])).toEqual([100, 200])
    // the third try came at least 100 + 200 ms after the first
    const tries = attempts.slice(-3)
    expect(tries[2]! - tries[0]!).toBeGreaterThanOrEqual(290)
    expect(running.failures).toBe(0)
  })

  it('resumes from its cursor after its process is killed mid-batch, and sees every event once', async () => {
    const db = await freshStore(engine)
    cleanups.push(db.dispose)
    const head = await addEvents(db.store.db, 35)
    // PGlite is one process's database: let go of it while the child has it
    await db.store.close()
    const hung = await runChildAndKill({ store: db.options, hangAt: 25, batchSize: 10 })
    expect(hung).toEqual({ from: 21, to: 30 })
    const store: Store = await openStore(db.options)
    cleanups.push(() => store.close())
    // two batches committed before the kill; the third rolled back with the process
    expect(await readProcessorCursor(store.db, 'seen')).toBe(20)
    expect(await seenSeqs(store.db)).toEqual(range(1, 20))
    const { processor, batches } = recorder('after')
    const running = await runWorkProcessor({
      store,
      bus: new EventBus(),
      log: captureLog().log,
      processor,
      options: { batchSize: 10, pollMs: 50, takeoverMs: 50 },
    })
    cleanups.push(() => running.close())
    await until(async () => (await readProcessorCursor(store.db, 'seen')) === head)
    expect(batches[0]?.[0]).toBe(21)
    expect(await seenSeqs(store.db)).toEqual(range(1, head))
  })
})

describe.runIf(postgres)('work processors on one PostgreSQL database from two processes', () => {
  it('never have two owners at once, and the other takes over when the owner stops', async () => {
    const db = await freshStore(postgres!)
    cleanups.push(db.dispose, () => db.store.close())
    const other = await openStore(db.options)
    cleanups.push(() => other.close())
    const options = { batchSize: 5, pollMs: 30, takeoverMs: 30 }
    const slow = async () => sleep(5)
    const a = recorder('a', slow)
    const b = recorder('b', slow)
    const runners: RunningWorkProcessor[] = []
    let both = 0
    let none = 0
    const sampler = setInterval(() => {
      const owners = runners.filter((r) => r.owning).length
      if (owners > 1) both++
      if (owners === 0) none++
    }, 2)
    cleanups.push(async () => clearInterval(sampler))
    const first = await runWorkProcessor({
      store: db.store,
      bus: new EventBus(),
      log: captureLog().log,
      processor: a.processor,
      options,
    })
    const second = await runWorkProcessor({
      store: other,
      bus: new EventBus(),
      log: captureLog().log,
      processor: b.processor,
      options,
    })
    runners.push(first, second)
    cleanups.push(
      () => second.close(),
      () => first.close(),
    )
    expect([first.owning, second.owning]).toEqual([true, false])

    let head = await addEvents(db.store.db, 40)
    await until(async () => (await readProcessorCursor(db.store.db, 'seen')) === head)
    expect(b.batches).toEqual([])
    // the owner stops (its lock goes with its connection): the other goes on from the cursor
    await first.close()
    runners.splice(0, 1)
    await until(() => second.owning, 5_000)
    head = await addEvents(db.store.db, 20)
    await until(async () => (await readProcessorCursor(db.store.db, 'seen')) === head)
    clearInterval(sampler)
    expect(both).toBe(0)
    expect(none).toBeLessThan(1_000)
    expect(b.batches.flat()).toEqual(range(41, 60))
    expect(await seenSeqs(db.store.db)).toEqual(range(1, 60))
  })
})

const childScript = fileURLToPath(new URL('../support/processorChild.ts', import.meta.url))

/** Runs a processor in a child process until it hangs mid-batch, then SIGKILLs it. */
async function runChildAndKill(args: ProcessorChildArgs): Promise<{ from: number; to: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, JSON.stringify(args)], {
    cwd: repoRoot,
    env: cliEnv(),
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  const hung = await new Promise<{ from: number; to: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the processor process said nothing in 30 s\n${stderr}`)),
      30_000,
    )
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      const line = stdout.split('\n')[0]
      if (stdout.includes('\n') && line) {
        clearTimeout(timer)
        resolve(JSON.parse(line) as { from: number; to: number })
      }
    })
    child.on('close', (code) => reject(new Error(`the processor process ended (${code})\n${stderr}`)))
  })
  child.kill('SIGKILL')
  await exited
  return hung
}

describe.each(engines.map((e) => [e.name, e] as const))('consumers of a node on %s', (_name, engine) => {
  it('answers a change 2xx and stores its event however its consumers throw; the others still get it', async () => {
    const node = await startTestNode(engine, { listen: true, config: { 'http.host': '127.0.0.1' } })
    cleanups.push(() => node.dispose())
    const duty = await signedInAs(node, ['duty-officer'])
    // a broken listener on the bus, a broken follower and a broken work processor, before the stream connects
    node.deps.bus.subscribe(() => {
      throw new Error('a broken listener')
    })
    let brokenTries = 0
    const broken = await startProcessors({
      store: node.deps.store,
      bus: node.deps.bus,
      log: node.deps.log,
      followers: [
        {
          name: 'broken-follower',
          kinds: null,
          handle() {
            throw new Error('a broken follower')
          },
        },
      ],
      work: [
        {
          name: 'broken-work',
          kinds: ['case.opened'],
          async handle() {
            brokenTries++
            throw new Error('a broken work processor')
          },
        },
      ],
      options: { firstRetryMs: 50, pollMs: 60_000 },
    })
    cleanups.push(() => broken.close())
    const stream = await openSse(`${node.url}/api/v1/stream?after=latest`, { cookie: duty.cookie })
    cleanups.push(() => stream.close())

    const opened = await node.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: duty.headers(),
      payload: {
        kind: 'incident',
        status: 'actual',
        type: 'flood',
        title: 'Crue de la Vesdre',
        severity: 'major',
      },
    })
    expect(opened.statusCode).toBe(201)
    const caseId = opened.json<{ id: string }>().id
    const stored = await node.deps.store.db
      .selectFrom('events')
      .select(['seq', 'kind'])
      .where('subject', '=', caseId)
      .execute()
    expect(stored.map((e) => e.kind)).toEqual(['case.opened'])
    // the live stream still gets it, and the broken work processor is tried again and again
    const [message] = await stream.waitFor(1)
    expect(message).toMatchObject({ id: String(stored[0]!.seq), event: 'case.opened' })
    await until(() => brokenTries >= 3)
    expect(broken.work.get('broken-work')?.failures).toBeGreaterThanOrEqual(2)
    expect(await readProcessorCursor(node.deps.store.db, 'broken-work')).toBeLessThan(stored[0]!.seq)
    const messages = node.captured.lines.map((l) => l['msg'])
    expect(messages).toContain('a listener failed on committed events')
    expect(messages).toContain('a follower failed on events')
    expect(messages).toContain('a processor batch failed; trying it again')
  })

  it('materialises the notifications of the events there were before its first start', async () => {
    const node = await startTestNode(engine)
    cleanups.push(() => node.dispose())
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    const duty = await signedInAs(node, ['duty-officer'])
    const police = await signedInAs(node, ['partner'], 'police')
    const opened = await node.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: duty.headers(),
      payload: {
        kind: 'incident',
        status: 'actual',
        type: 'flood',
        title: 'Crue de l’Ourthe',
        severity: 'major',
        participants: ['police'],
      },
    })
    expect(opened.statusCode).toBe(201)
    const kinds = async (n: { app: TestNode['app'] }) =>
      (await n.app.inject({ url: '/api/v1/notifications', headers: police.headers() }))
        .json<{ items: { kind: string; title: string }[] }>()
        .items.map((i) => `${i.kind}:${i.title}`)
    expect(await kinds(node)).toEqual(['case-joined:Crue de l’Ourthe'])
    // a database from before the processor: no cursor and no notifications
    await node.close()
    const store = await openStore(node.storeOptions)
    await store.db.deleteFrom('notifications').execute()
    await store.db.deleteFrom('processor_cursors').execute()
    await store.close()
    const again = await startNode({
      config: testConfig(node.storeOptions),
      log: captureLog().log,
      listen: false,
    })
    cleanups.push(() => again.close())
    expect(await kinds(again)).toEqual(['case-joined:Crue de l’Ourthe'])
    expect(await readProcessorCursor(again.deps.store.db, 'notifications')).toBeGreaterThan(0)
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('followers on %s', (_name, engine) => {
  it('start from a given seq: the stored events after it, then the live ones, none twice, none skipped', async () => {
    const db = await freshStore(engine)
    cleanups.push(db.dispose, () => db.store.close())
    await addEvents(db.store.db, 30)
    const bus = new EventBus()
    const seen: number[] = []
    const follower = await runFollower({
      store: db.store,
      bus,
      log: captureLog().log,
      follower: { name: 'test', kinds: null, handle: (events) => seen.push(...events.map((e) => e.seq)) },
      from: 10,
    })
    cleanups.push(async () => follower.stop())
    expect(seen).toEqual(range(11, 30))
    await addEvents(db.store.db, 2)
    const live = await readEvents(db.store.db, 28, 10)
    // the bus may carry events the follower has had already (a process's catch-up): kept out
    bus.publish(live)
    bus.publish(live.slice(-1))
    expect(seen).toEqual(range(11, 32))
  })

  it('start from the head by default, and are given only their kinds', async () => {
    const db = await freshStore(engine)
    cleanups.push(db.dispose, () => db.store.close())
    await addEvents(db.store.db, 3)
    const bus = new EventBus()
    const seen: number[] = []
    const follower = await runFollower({
      store: db.store,
      bus,
      log: captureLog().log,
      follower: {
        name: 'test',
        kinds: ['case.opened'],
        handle: (events) => seen.push(...events.map((e) => e.seq)),
      },
    })
    cleanups.push(async () => follower.stop())
    expect(seen).toEqual([])
    await addEvents(db.store.db, 2)
    const events = await readEvents(db.store.db, 3, 10)
    bus.publish([...events, { ...events[0]!, seq: 6, kind: 'case.opened' }])
    expect(seen).toEqual([6])
  })
})
