import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { NewJob, Queue } from '@liaison/server'
import {
  createDatabaseQueue,
  fixedClock,
  migrate,
  openNatsQueue,
  openStore,
  systemClock,
  uuidv7Source,
} from '@liaison/server'
import type { QueueChildArgs } from '../support/queueChild.ts'
import { cliEnv, repoRoot } from '../support/runCli.ts'
import { testEngines } from '../support/engines.ts'
import { missingService } from '../support/services.ts'
import { startTestNode } from '../support/testNode.ts'

/**
 * One engine under the contract: queues that act as separate workers (separate connections on
 * NATS), a way to let time pass (the database engine reads the test clock; NATS keeps its own
 * time, so there the test sleeps), and a worker process to kill.
 */
interface Harness {
  worker(): Promise<Queue>
  now(): Date
  later(ms: number): Promise<void>
  childArgs(): Promise<Omit<QueueChildArgs, 'topic' | 'max' | 'leaseMs'>>
  /** Around a child process: PGlite is one process's database, so the test lets go of it meanwhile. */
  handOver<T>(body: () => Promise<T>): Promise<T>
  dispose(): Promise<void>
}

type HarnessFactory = { name: string; make(): Promise<Harness> }

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const engines = await testEngines()
const factories: HarnessFactory[] = engines.map((engine) => ({
  name: `database on ${engine.name}`,
  async make() {
    const db = await engine.fresh()
    const clock = fixedClock(new Date('2031-03-01T08:00:00Z'))
    let store = await openStore(db.options)
    await migrate(store.db)
    const worker = async (): Promise<Queue> => createDatabaseQueue({ store, clock, ids: uuidv7Source(clock) })
    return {
      worker,
      now: () => clock.now(),
      later: async (ms) => clock.advance(ms),
      childArgs: async () => ({ engine: 'database', store: db.options, nowMs: clock.now().getTime() }),
      async handOver(body) {
        if (db.options.engine !== 'pglite') return body()
        await store.close()
        try {
          return await body()
        } finally {
          // queues made before hold the closed store: the test takes new ones from `worker()`
          store = await openStore(db.options)
        }
      },
      async dispose() {
        await store.close()
        await db.dispose()
      },
    }
  },
}))

const natsUrl = 'nats://127.0.0.1:4222'
async function natsProblem(): Promise<string | null> {
  try {
    const q = await openNatsQueue({
      url: natsUrl,
      prefix: `probe_${randomBytes(4).toString('hex')}`,
      ids: uuidv7Source(systemClock),
    })
    await q.deleteStreams()
    await q.close()
    return null
  } catch (error) {
    return `${natsUrl}: ${(error as Error).message}`
  }
}
const natsMissing = await natsProblem()
if (!natsMissing || !missingService('NATS JetStream', natsMissing)) {
  factories.push({
    name: 'nats',
    async make() {
      const prefix = `lq_test_${randomBytes(5).toString('hex')}`
      const queues: Awaited<ReturnType<typeof openNatsQueue>>[] = []
      const worker = async () => {
        const q = await openNatsQueue({ url: natsUrl, prefix, ids: uuidv7Source(systemClock) })
        queues.push(q)
        return q
      }
      return {
        worker,
        now: () => new Date(),
        later: (ms) => sleep(ms),
        childArgs: async () => ({ engine: 'nats', url: natsUrl, prefix }),
        handOver: (body) => body(),
        async dispose() {
          await queues[0]?.deleteStreams()
          for (const q of queues) await q.close()
        },
      }
    },
  })
}

const childScript = fileURLToPath(new URL('../support/queueChild.ts', import.meta.url))

/** Runs a worker process that claims, reports what it holds, and is then SIGKILLed. */
async function claimInChildAndKill(args: QueueChildArgs): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, JSON.stringify(args)], {
    cwd: repoRoot,
    env: cliEnv(),
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  const ids = await new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the worker process said nothing in 30 s\n${stderr}`)),
      30_000,
    )
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      const line = stdout.split('\n')[0]
      if (stdout.includes('\n') && line) {
        clearTimeout(timer)
        resolve(JSON.parse(line) as string[])
      }
    })
    child.on('close', (code) => reject(new Error(`the worker process ended (${code})\n${stderr}`)))
  })
  child.kill('SIGKILL')
  await exited
  return ids
}

const topic = 'contract'
const jobs = (n: number, extra: Partial<NewJob> = {}): NewJob[] =>
  Array.from({ length: n }, (_, i) => ({ topic, payload: { n: i }, ...extra }))

describe.each(factories)('queue contract: $name', (factory) => {
  const harnesses: Harness[] = []
  const harness = async () => {
    const h = await factory.make()
    harnesses.push(h)
    return h
  }
  afterAll(async () => {
    for (const h of harnesses) await h.dispose().catch(() => {})
  })

  it('loses nothing: 5,000 jobs enqueued in batches, drained by four concurrent workers, each claimed once', async () => {
    const h = await harness()
    const producer = await h.worker()
    const ids: string[] = []
    for (let i = 0; i < 10; i++) ids.push(...(await producer.enqueue(jobs(500))))
    expect(new Set(ids).size).toBe(5_000)
    const claims = new Map<string, number>()
    const acked = new Set<string>()
    const drain = async (workerId: string) => {
      const q = await h.worker()
      let empty = 0
      while (empty < 2) {
        const got = await q.claim({ topic, max: 50, leaseMs: 120_000, workerId })
        if (got.length === 0) {
          empty++
          continue
        }
        empty = 0
        for (const job of got) claims.set(job.id, (claims.get(job.id) ?? 0) + 1)
        // acked together: the database engine puts acks of one turn in one statement
        expect(await Promise.all(got.map((job) => q.ack(job)))).toEqual(got.map(() => true))
        for (const job of got) acked.add(job.id)
      }
    }
    await Promise.all(['w1', 'w2', 'w3', 'w4'].map(drain))
    expect(acked.size).toBe(5_000)
    expect([...claims.values()].every((n) => n === 1)).toBe(true)
    expect(ids.every((id) => acked.has(id))).toBe(true)
    expect(await producer.claim({ topic, max: 10, leaseMs: 1_000, workerId: 'last' })).toEqual([])
  }, 120_000)

  it('never claims a job twice while its lease holds', async () => {
    const h = await harness()
    const a = await h.worker()
    const b = await h.worker()
    const ids = await a.enqueue(jobs(3))
    const held = await a.claim({ topic, max: 10, leaseMs: 6_000, workerId: 'a' })
    expect(held.map((j) => j.id).sort()).toEqual([...ids].sort())
    expect(held.every((j) => j.attempts === 1 && j.payload !== null)).toBe(true)
    expect(await b.claim({ topic, max: 10, leaseMs: 6_000, workerId: 'b' })).toEqual([])
    await h.later(3_000)
    expect(await b.claim({ topic, max: 10, leaseMs: 6_000, workerId: 'b' })).toEqual([])
    for (const job of held) expect(await a.ack(job)).toBe(true)
  })

  it('delivers a job again once its lease runs out, and an extended lease holds', async () => {
    const h = await harness()
    const a = await h.worker()
    const b = await h.worker()
    const [id, kept] = await a.enqueue(jobs(2))
    const held = await a.claim({ topic, max: 2, leaseMs: 1_500, workerId: 'a' })
    expect(held).toHaveLength(2)
    const extended = await a.extend(
      held.find((j) => j.id === kept)!,
      1_500,
    )
    expect(extended).not.toBeNull()
    await h.later(1_000)
    expect(await a.extend(extended!, 1_500)).not.toBeNull()
    await h.later(1_000)
    const again = await b.claim({ topic, max: 10, leaseMs: 5_000, workerId: 'b' })
    expect(again.map((j) => j.id)).toEqual([id])
    expect(again[0]!.attempts).toBe(2)
    expect(again[0]!.payload).toEqual({ n: 0 })
    expect(await b.ack(again[0]!)).toBe(true)
    expect(await a.ack(extended!)).toBe(true)
  })

  it('delivers again the jobs of a worker process killed with its leases held', async () => {
    const h = await harness()
    const q = await h.worker()
    const ids = await q.enqueue(jobs(3))
    const base = await h.childArgs()
    const inChild = await h.handOver(() =>
      claimInChildAndKill({ ...base, topic, max: 10, leaseMs: 1_500 } as QueueChildArgs),
    )
    expect(inChild.sort()).toEqual([...ids].sort())
    // the same lease as the dead worker's: on NATS a topic's lease is its consumers' ack_wait
    const survivor = await h.worker()
    expect(await survivor.claim({ topic, max: 10, leaseMs: 1_500, workerId: 'survivor' })).toEqual([])
    await h.later(2_000)
    const again = await survivor.claim({ topic, max: 10, leaseMs: 1_500, workerId: 'survivor' })
    expect(again.map((j) => j.id).sort()).toEqual([...ids].sort())
    expect(again.every((j) => j.attempts === 2)).toBe(true)
    for (const job of again) expect(await survivor.ack(job)).toBe(true)
  })

  it('retries a job at its time and not before, counting the attempt; a job enqueued for later waits too', async () => {
    const h = await harness()
    const q = await h.worker()
    const [id] = await q.enqueue(jobs(1))
    const [later] = await q.enqueue([
      { topic, payload: 'later', notBefore: new Date(h.now().getTime() + 2_000) },
    ])
    const [first] = await q.claim({ topic, max: 10, leaseMs: 10_000, workerId: 'w' })
    expect(first?.id).toBe(id)
    const at = new Date(h.now().getTime() + 2_000)
    expect(await q.retry(first!, { at, error: 'not yet' })).toBe('retrying')
    expect(await q.claim({ topic, max: 10, leaseMs: 10_000, workerId: 'w' })).toEqual([])
    expect(h.now() < at).toBe(true)
    await h.later(2_500)
    const due = await q.claim({ topic, max: 10, leaseMs: 10_000, workerId: 'w' })
    const byId = new Map(due.map((j) => [j.id, j]))
    expect([...byId.keys()].sort()).toEqual([id, later].sort())
    expect(byId.get(id!)!.attempts).toBe(2)
    expect(byId.get(later!)!.attempts).toBe(1)
    expect(byId.get(later!)!.payload).toBe('later')
    for (const job of due) expect(await q.ack(job)).toBe(true)
  })

  it('dead-letters a job after its attempts, lists it for the operator and requeues it', async () => {
    const h = await harness()
    const q = await h.worker()
    const [id] = await q.enqueue([{ topic, payload: { send: 'sms' }, maxAttempts: 2 }])
    const [one] = await q.claim({ topic, max: 1, leaseMs: 5_000, workerId: 'w' })
    expect(await q.retry(one!, { at: h.now(), error: 'gateway down' })).toBe('retrying')
    const [two] = await q.claim({ topic, max: 1, leaseMs: 5_000, workerId: 'w' })
    expect(two).toMatchObject({ id, attempts: 2, maxAttempts: 2 })
    expect(await q.retry(two!, { at: h.now(), error: 'gateway still down' })).toBe('dead')
    expect(await q.claim({ topic, max: 1, leaseMs: 5_000, workerId: 'w' })).toEqual([])
    const dead = await q.deadLetters(topic)
    expect(dead).toHaveLength(1)
    expect(dead[0]).toMatchObject({
      id,
      attempts: 2,
      lastError: 'gateway still down',
      payload: { send: 'sms' },
    })
    expect(await q.requeue(dead[0]!)).toBe(true)
    expect(await q.deadLetters(topic)).toEqual([])
    const [back] = await q.claim({ topic, max: 1, leaseMs: 5_000, workerId: 'w' })
    expect(back).toMatchObject({ id, attempts: 1, payload: { send: 'sms' } })
    expect(await q.ack(back!)).toBe(true)
  })

  it('dead-letters a job whose lease ran out on its last attempt', async () => {
    const h = await harness()
    const q = await h.worker()
    const [id] = await q.enqueue([{ topic, payload: 1, maxAttempts: 1 }])
    expect(await q.claim({ topic, max: 1, leaseMs: 1_000, workerId: 'w' })).toHaveLength(1)
    await h.later(1_500)
    expect(await q.claim({ topic, max: 1, leaseMs: 1_000, workerId: 'w' })).toEqual([])
    expect((await q.deadLetters(topic)).map((d) => d.id)).toEqual([id])
  })

  it('keeps order per key: a key is never held twice at once, its jobs come in enqueue order, a retry keeps its place', async () => {
    const h = await harness()
    const q = await h.worker()
    const keys = ['case-a', 'case-b', 'case-c']
    const batch: NewJob[] = []
    for (let i = 0; i < 6; i++)
      for (const key of keys) batch.push({ topic, payload: { key, i }, orderingKey: key })
    batch.push({ topic, payload: { key: null, i: 0 } })
    await q.enqueue(batch)

    // the head of a key is retried: the key's next job still waits behind it
    const first = await q.claim({ topic, max: 20, leaseMs: 10_000, workerId: 'w' })
    const headA = first.find((j) => j.orderingKey === 'case-a')
    const keyed = first.filter((j) => j.orderingKey !== null)
    expect(new Set(keyed.map((j) => j.orderingKey)).size).toBe(keyed.length)
    expect(keyed.every((j) => (j.payload as { i: number }).i === 0)).toBe(true)
    for (const job of first) if (job !== headA) expect(await q.ack(job)).toBe(true)
    const seen = new Map<string, number[]>(keys.map((k) => [k, [0]]))
    for (const job of keyed) if (job !== headA) seen.set(job.orderingKey!, [0])
    if (headA) {
      seen.set('case-a', [])
      expect(await q.retry(headA, { at: h.now() })).toBe('retrying')
    }

    const held = new Set<string>()
    const work = async (workerId: string) => {
      const w = await h.worker()
      let empty = 0
      while (empty < 2) {
        const got = await w.claim({ topic, max: 3, leaseMs: 10_000, workerId })
        if (got.length === 0) {
          empty++
          continue
        }
        empty = 0
        for (const job of got) {
          expect(held.has(job.orderingKey ?? '')).toBe(false)
          if (job.orderingKey) held.add(job.orderingKey)
          seen.get(job.orderingKey ?? '')?.push((job.payload as { i: number }).i)
        }
        await sleep(5)
        for (const job of got) {
          if (job.orderingKey) held.delete(job.orderingKey)
          expect(await w.ack(job)).toBe(true)
        }
      }
    }
    await Promise.all(['w1', 'w2', 'w3'].map(work))
    for (const key of keys) expect(seen.get(key)).toEqual([0, 1, 2, 3, 4, 5])
  }, 60_000)

  it('refuses a bad topic, attempts or claim, naming the field', async () => {
    const h = await harness()
    const q = await h.worker()
    await expect(q.enqueue([{ topic: 'Bad Topic', payload: 1 }])).rejects.toMatchObject({
      code: 'validation_failed',
      details: { field: 'topic' },
    })
    await expect(q.enqueue([{ topic, payload: 1, maxAttempts: 0 }])).rejects.toMatchObject({
      details: { field: 'maxAttempts' },
    })
    await expect(q.claim({ topic, max: 0, leaseMs: 1_000, workerId: 'w' })).rejects.toMatchObject({
      details: { field: 'max' },
    })
  })
})

describe.each(engines.filter((e) => e.name === 'pglite'))('the database queue on $name', (engine) => {
  it('claims and enqueues in pieces, so a request on the one connection is answered in between', async () => {
    const db = await engine.fresh()
    const store = await openStore(db.options)
    try {
      const clock = fixedClock(new Date('2031-03-01T08:00:00Z'))
      const q = createDatabaseQueue({ store, clock, ids: uuidv7Source(clock) })
      const order: string[] = []
      const enqueued = q.enqueue(jobs(1_000)).then(() => order.push('enqueue'))
      await sleep(1)
      await store.ping().then(() => order.push('request'))
      await enqueued
      const claimed = q.claim({ topic, max: 1_000, leaseMs: 60_000, workerId: 'w' }).then((got) => {
        order.push('claim')
        return got
      })
      await sleep(1)
      await store.ping().then(() => order.push('request'))
      expect(await claimed).toHaveLength(1_000)
      expect(order).toEqual(['request', 'enqueue', 'request', 'claim'])
    } finally {
      await store.close()
      await db.dispose()
    }
  })
})

describe.each([
  ...engines.map((engine) => ({ name: `database on ${engine.name}`, engine, nats: false })),
  ...(factories.some((f) => f.name === 'nats')
    ? [{ name: 'nats on pglite', engine: engines[0]!, nats: true }]
    : []),
])('the node runs its queue: $name', ({ engine, nats }) => {
  it('an echo job enqueued on the node is handled and acked by its worker', async () => {
    const prefix = `lq_node_${randomBytes(5).toString('hex')}`
    const node = await startTestNode(engine, {
      // the echo processor runs only where it is configured
      config: nats
        ? { 'queue.echo': true, 'queue.engine': 'nats', 'queue.natsPrefix': prefix }
        : { 'queue.echo': true },
    })
    try {
      expect(node.queue.engine).toBe(nats ? 'nats' : 'database')
      const [id] = await node.queue.enqueue([{ topic: 'echo', payload: { hello: 'world' } }])
      await expect
        .poll(() => node.captured.lines.find((l) => l['msg'] === 'echo job handled' && l['job'] === id), {
          timeout: 10_000,
        })
        .toMatchObject({ payload: { hello: 'world' } })
      // acked: nothing left to claim
      expect(await node.queue.claim({ topic: 'echo', max: 1, leaseMs: 1_000, workerId: 'test' })).toEqual([])
    } finally {
      await node.dispose()
      if (nats) {
        const q = await openNatsQueue({ url: natsUrl, prefix, ids: uuidv7Source(systemClock) })
        await q.deleteStreams()
        await q.close()
      }
    }
  })
})
