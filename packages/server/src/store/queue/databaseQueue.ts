import { randomUUID } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { sql } from 'kysely'
import type { Clock } from '../../runtime/Clock.ts'
import type { IdSource } from '../../runtime/IdSource.ts'
import type { Store } from '../openStore.ts'
import type { ClaimedJob, ClaimOptions, DeadJob, Queue, RetryOutcome } from '../../queue/Queue.ts'
import { checkClaim, checkJob, checkTopic } from '../../queue/queueRules.ts'

export interface DatabaseQueueDeps {
  readonly store: Store
  readonly clock: Clock
  readonly ids: IdSource
  /** Rows per statement; on PGlite the queue yields to the event loop between pieces. */
  readonly pieceSize?: number
}

interface JobRow {
  seq: number | string
  id: string
  topic: string
  payload: unknown
  ordering_key: string | null
  attempts: number
  max_attempts: number
  lease_until: Date | null
  lease_token: string | null
  last_error: string | null
  dead_at: Date | null
}

/**
 * The embedded engine: a `jobs` table in the node's own database (PGlite or PostgreSQL, the same
 * SQL). A claim takes due rows `FOR UPDATE SKIP LOCKED`, so concurrent claimers never take the
 * same row, and writes a lease (`lease_until`, a fresh `lease_token`); a row whose lease ran out
 * is due again. On PGlite, which has one connection, large claims and batches run in pieces that
 * yield to the event loop, so HTTP requests queued on the connection get their turn.
 */
export function createDatabaseQueue(deps: DatabaseQueueDeps): Queue {
  const { store, clock, ids } = deps
  const db = store.db
  const piece = deps.pieceSize ?? (store.engine === 'pglite' ? 50 : 500)
  const yieldTurn = store.engine === 'pglite' ? () => nextTurn() : async () => {}

  /** Jobs whose last attempt's lease ran out go to the dead letters before a claim looks. */
  async function buryExpired(topic: string, now: Date): Promise<void> {
    await sql`
      update jobs set state = 'dead', dead_at = ${now}, lease_until = null, lease_token = null,
        last_error = coalesce(last_error, 'the lease ran out on the last attempt')
      where topic = ${topic} and state = 'ready' and attempts >= max_attempts
        and (lease_until is null or lease_until <= ${now})`.execute(db)
  }

  async function claimPiece(options: ClaimOptions, max: number): Promise<ClaimedJob[]> {
    const now = clock.now()
    const until = new Date(now.getTime() + options.leaseMs)
    const token = randomUUID()
    const { rows } = await sql<JobRow>`
      with due as (
        select j.seq from jobs j
        where j.topic = ${options.topic} and j.state = 'ready' and j.run_at <= ${now}
          and (j.lease_until is null or j.lease_until <= ${now})
          and j.attempts < j.max_attempts
          and (j.ordering_key is null or not exists (
            select 1 from jobs e
            where e.topic = j.topic and e.ordering_key = j.ordering_key and e.state = 'ready' and e.seq < j.seq))
        order by j.seq
        limit ${max}
        for update skip locked
      )
      update jobs set attempts = jobs.attempts + 1, lease_until = ${until}, lease_token = ${token},
        worker_id = ${options.workerId}
      from due where jobs.seq = due.seq
      returning jobs.*`.execute(db)
    return rows
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((r) => ({
        id: r.id,
        topic: r.topic,
        payload: r.payload,
        orderingKey: r.ordering_key,
        attempts: r.attempts,
        maxAttempts: r.max_attempts,
        leaseUntil: until,
        receipt: token,
      }))
  }

  // acks that arrive in the same turn of the event loop share one statement
  const acks: { job: ClaimedJob; resolve: (done: boolean) => void; reject: (error: unknown) => void }[] = []
  async function flushAcks(): Promise<void> {
    const batch = acks.splice(0, 500)
    if (acks.length > 0) setImmediate(() => void flushAcks())
    try {
      const rows = await db
        .deleteFrom('jobs')
        .where((eb) =>
          eb.or(batch.map((a) => eb.and([eb('id', '=', a.job.id), eb('lease_token', '=', a.job.receipt)]))),
        )
        .returning(['id', 'lease_token'])
        .execute()
      const done = new Set(rows.map((r) => `${r.id} ${r.lease_token}`))
      for (const a of batch) a.resolve(done.has(`${a.job.id} ${a.job.receipt}`))
    } catch (error) {
      for (const a of batch) a.reject(error)
    }
  }

  return {
    engine: 'database',

    async enqueue(jobs) {
      const checked = jobs.map(checkJob)
      const now = clock.now()
      const rows = checked.map((j) => ({
        id: ids.next(),
        topic: j.topic,
        payload: JSON.stringify(j.payload),
        ordering_key: j.orderingKey ?? null,
        state: 'ready' as const,
        max_attempts: j.maxAttempts,
        run_at: j.notBefore ?? now,
        enqueued_at: now,
      }))
      const insert = async (into: typeof db) => {
        for (let i = 0; i < rows.length; i += piece) {
          await into
            .insertInto('jobs')
            .values(rows.slice(i, i + piece))
            .execute()
          if (i + piece < rows.length) await yieldTurn()
        }
      }
      // PostgreSQL: all or nothing. PGlite: a transaction would hold the only connection, so the
      // pieces commit one by one and requests run between them.
      if (rows.length > 0) {
        if (store.engine === 'postgres') await db.transaction().execute(insert)
        else await insert(db)
      }
      return rows.map((r) => r.id)
    },

    async claim(options) {
      checkClaim(options)
      await buryExpired(options.topic, clock.now())
      const claimed: ClaimedJob[] = []
      while (claimed.length < options.max) {
        const want = Math.min(piece, options.max - claimed.length)
        const got = await claimPiece(options, want)
        claimed.push(...got)
        if (got.length < want) break
        await yieldTurn()
      }
      return claimed
    },

    ack(job) {
      return new Promise<boolean>((resolve, reject) => {
        acks.push({ job, resolve, reject })
        if (acks.length === 1) setImmediate(() => void flushAcks())
      })
    },

    async retry(job, options): Promise<RetryOutcome> {
      const now = clock.now()
      const { rows } = await sql<{ state: 'ready' | 'dead' }>`
        update jobs set
          state = case when attempts >= max_attempts then 'dead' else 'ready' end,
          dead_at = case when attempts >= max_attempts then ${now}::timestamptz else null end,
          run_at = ${options.at}, lease_until = null, lease_token = null, worker_id = null,
          last_error = ${options.error ?? null}
        where id = ${job.id} and lease_token = ${job.receipt}
        returning state`.execute(db)
      const row = rows[0]
      return !row ? 'lease_lost' : row.state === 'dead' ? 'dead' : 'retrying'
    },

    async extend(job, leaseMs) {
      const until = new Date(clock.now().getTime() + leaseMs)
      const result = await db
        .updateTable('jobs')
        .set({ lease_until: until })
        .where('id', '=', job.id)
        .where('lease_token', '=', job.receipt)
        .where('state', '=', 'ready')
        .executeTakeFirst()
      return result.numUpdatedRows > 0n ? { ...job, leaseUntil: until } : null
    },

    async deadLetters(topic, limit = 100) {
      checkTopic(topic)
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('topic', '=', topic)
        .where('state', '=', 'dead')
        .orderBy('dead_at')
        .orderBy('seq')
        .limit(limit)
        .execute()
      return rows.map((r): DeadJob => ({
        id: r.id,
        topic: r.topic,
        payload: r.payload,
        orderingKey: r.ordering_key,
        attempts: r.attempts,
        lastError: r.last_error,
        deadAt: r.dead_at ?? r.enqueued_at,
        ref: r.id,
      }))
    },

    async requeue(dead) {
      const result = await db
        .updateTable('jobs')
        .set({
          state: 'ready',
          attempts: 0,
          run_at: clock.now(),
          dead_at: null,
          lease_until: null,
          lease_token: null,
          worker_id: null,
        })
        .where('id', '=', dead.ref)
        .where('state', '=', 'dead')
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async close() {},
  }
}
