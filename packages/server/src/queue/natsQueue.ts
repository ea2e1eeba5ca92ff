import type { ConsumerInfo, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream'
import {
  AckPolicy,
  DeliverPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream'
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node'
import { connect, headers as newHeaders, millis, nanos } from '@nats-io/transport-node'
import { LiaisonError } from '@liaison/core'
import type { Clock } from '../runtime/Clock.ts'
import { systemClock } from '../runtime/Clock.ts'
import type { IdSource } from '../runtime/IdSource.ts'
import type { ClaimedJob, DeadJob, Queue, RetryOutcome } from './Queue.ts'
import { checkClaim, checkJob, checkTopic } from './queueRules.ts'

export interface NatsQueueOptions {
  /** nats://host:port */
  readonly url: string
  /** Names this queue's streams (`<prefix>_jobs`, `<prefix>_dead`) and subjects (`<prefix>.jobs.…`). */
  readonly prefix: string
  readonly ids: IdSource
  /** Reads "now" for not-before times and leases; NATS itself times ack_wait and delays. */
  readonly clock?: Clock
  /** Consumers per topic that carry jobs with an ordering key (default 4); see `partitionOf`. */
  readonly partitions?: number
}

export interface NatsQueue extends Queue {
  /** Deletes this queue's streams and everything in them (tests; an operator resetting a queue). */
  deleteStreams(): Promise<void>
}

const h = {
  id: 'Liaison-Job-Id',
  key: 'Liaison-Ordering-Key',
  maxAttempts: 'Liaison-Max-Attempts',
  notBefore: 'Liaison-Not-Before',
  attempts: 'Liaison-Attempts',
  error: 'Liaison-Error',
  deadAt: 'Liaison-Dead-At',
} as const

/** FNV-1a of the key: which ordered consumer of a topic carries it. */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % partitions
}

/**
 * The NATS JetStream engine. One work-queue stream holds every topic's jobs: jobs without an
 * ordering key on `<prefix>.jobs.<topic>.u`, jobs with one on `<prefix>.jobs.<topic>.o<n>`, n
 * chosen by a hash of the key. Each subject has one durable pull consumer that every worker
 * shares; its `ack_wait` is the lease (a message not acked in time is delivered again) and an
 * ordered subject's consumer has `max_ack_pending` 1, so a key's next job is delivered only once
 * the one before it is acked or dead (keys that share a subject wait for each other: the price of
 * a fixed number of consumers). Retries are naks with a delay; the delivery count is the attempt
 * count, and a job past its maximum is published to `<prefix>_dead` and acked by the engine.
 */
export async function openNatsQueue(options: NatsQueueOptions): Promise<NatsQueue> {
  const { prefix, ids } = options
  const clock = options.clock ?? systemClock
  const partitions = options.partitions ?? 4
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(prefix))
    throw new LiaisonError(
      'config_invalid',
      `NATS queue prefix '${prefix}' must be 1-64 of A-Z, a-z, 0-9, - and _`,
    )
  const jobsStream = `${prefix}_jobs`
  const deadStream = `${prefix}_dead`
  let nc: NatsConnection
  try {
    nc = await connect({ servers: options.url, name: `liaison-queue-${prefix}`, maxReconnectAttempts: -1 })
  } catch (error) {
    throw new LiaisonError(
      'store_unavailable',
      `cannot reach NATS at ${options.url}: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      { cause: error },
    )
  }
  const jsm: JetStreamManager = await jetstreamManager(nc)
  const js: JetStreamClient = jetstream(nc)
  await ensureStream(jsm, jobsStream, `${prefix}.jobs.>`, RetentionPolicy.Workqueue)
  await ensureStream(jsm, deadStream, `${prefix}.dead.>`, RetentionPolicy.Limits)

  const subjectOf = (topic: string, key: string | null) =>
    key === null ? `${prefix}.jobs.${topic}.u` : `${prefix}.jobs.${topic}.o${partitionOf(key, partitions)}`
  const consumersOf = (topic: string) => [
    { name: `${topic}_u`, subject: `${prefix}.jobs.${topic}.u`, ordered: false },
    ...Array.from({ length: partitions }, (_, n) => ({
      name: `${topic}_o${n}`,
      subject: `${prefix}.jobs.${topic}.o${n}`,
      ordered: true,
    })),
  ]
  /** The lease each topic's consumers were last set to. */
  const leases = new Map<string, number>()
  /** Messages this process holds, by receipt. */
  const held = new Map<string, JsMsg>()

  async function ensureConsumers(topic: string, leaseMs: number): Promise<void> {
    if (leases.get(topic) === leaseMs) return
    await Promise.all(
      consumersOf(topic).map(async (c) => {
        const info = await jsm.consumers.info(jobsStream, c.name).catch(() => null)
        if (!info) {
          await jsm.consumers.add(jobsStream, {
            durable_name: c.name,
            filter_subject: c.subject,
            ack_policy: AckPolicy.Explicit,
            deliver_policy: DeliverPolicy.All,
            ack_wait: nanos(leaseMs),
            // the engine counts attempts and dead-letters; NATS never gives up on a message itself
            max_deliver: -1,
            max_ack_pending: c.ordered ? 1 : 10_000,
          })
        } else if (millis(info.config.ack_wait ?? 0) !== leaseMs) {
          await jsm.consumers.update(jobsStream, c.name, { ack_wait: nanos(leaseMs) })
        }
      }),
    )
    leases.set(topic, leaseMs)
  }

  function headersOf(msg: { headers?: MsgHdrs | undefined; header?: MsgHdrs }) {
    const hdrs = msg.headers ?? msg.header
    const get = (name: string) => {
      const value = hdrs?.get(name)
      return value === undefined || value === '' ? null : value
    }
    const notBefore = get(h.notBefore)
    return {
      id: get(h.id) ?? '',
      key: get(h.key),
      maxAttempts: Number(get(h.maxAttempts) ?? 1),
      notBefore: notBefore ? new Date(notBefore) : null,
      attempts: Number(get(h.attempts) ?? 0),
      error: get(h.error),
      deadAt: get(h.deadAt),
    }
  }

  async function bury(msg: JsMsg, topic: string, attempts: number, error: string | null): Promise<void> {
    const meta = headersOf(msg)
    const hdrs = newHeaders()
    hdrs.set(h.id, meta.id)
    if (meta.key !== null) hdrs.set(h.key, meta.key)
    hdrs.set(h.maxAttempts, String(meta.maxAttempts))
    hdrs.set(h.attempts, String(attempts))
    if (error !== null) hdrs.set(h.error, error.replace(/[\r\n]+/g, ' ').slice(0, 1000))
    hdrs.set(h.deadAt, clock.now().toISOString())
    await js.publish(`${prefix}.dead.${topic}`, msg.data, {
      headers: hdrs,
      msgID: `${meta.id}.dead.${msg.seq}`,
    })
    await msg.ackAck()
  }

  async function fetchFrom(name: string, max: number): Promise<JsMsg[]> {
    const consumer = await js.consumers.get(jobsStream, name)
    const batch = await consumer.fetch({ max_messages: max, expires: 1_000 })
    const out: JsMsg[] = []
    for await (const m of batch) out.push(m)
    return out
  }

  return {
    engine: 'nats',

    async enqueue(jobs) {
      const checked = jobs.map(checkJob)
      const result: string[] = []
      // publishes go out in order on one connection, so the stream keeps enqueue order
      for (let i = 0; i < checked.length; i += 200) {
        const piece = checked.slice(i, i + 200).map((job) => {
          const id = ids.next()
          result.push(id)
          const hdrs = newHeaders()
          hdrs.set(h.id, id)
          if (job.orderingKey !== undefined) hdrs.set(h.key, job.orderingKey)
          hdrs.set(h.maxAttempts, String(job.maxAttempts))
          if (job.notBefore) hdrs.set(h.notBefore, job.notBefore.toISOString())
          return js.publish(subjectOf(job.topic, job.orderingKey ?? null), JSON.stringify(job.payload), {
            headers: hdrs,
            msgID: id,
          })
        })
        await Promise.all(piece)
      }
      return result
    },

    async claim(options) {
      checkClaim(options)
      const { topic } = options
      await ensureConsumers(topic, options.leaseMs)
      const infos: (ConsumerInfo | null)[] = await Promise.all(
        consumersOf(topic).map((c) => jsm.consumers.info(jobsStream, c.name).catch(() => null)),
      )
      // ask only consumers that may have something: undelivered messages, or held ones whose lease may run out
      const plan: { name: string; max: number }[] = []
      let budget = options.max
      for (const [n, info] of infos.entries()) {
        if (n === 0 || !info || budget === 0) continue
        if (info.num_pending > 0 || info.num_ack_pending > 0) {
          plan.push({ name: info.name, max: 1 })
          budget--
        }
      }
      const unordered = infos[0]
      if (unordered && budget > 0 && (unordered.num_pending > 0 || unordered.num_ack_pending > 0)) {
        const waiting = unordered.num_pending > 0 ? unordered.num_pending : unordered.num_ack_pending
        plan.unshift({ name: unordered.name, max: Math.min(budget, waiting) })
      }
      const fetched = (await Promise.all(plan.map((p) => fetchFrom(p.name, p.max)))).flat()
      const now = clock.now()
      const claimed: ClaimedJob[] = []
      for (const msg of fetched) {
        const meta = headersOf(msg)
        if (meta.notBefore && meta.notBefore > now) {
          msg.nak(meta.notBefore.getTime() - now.getTime())
          continue
        }
        // a job enqueued for later was delivered once before its time and handed back: not an attempt
        const early = meta.notBefore && msg.time < meta.notBefore ? 1 : 0
        const attempts = Math.max(1, msg.info.deliveryCount - early)
        if (attempts > meta.maxAttempts) {
          await bury(msg, topic, attempts - 1, 'the lease ran out on the last attempt')
          continue
        }
        const receipt = `${msg.seq}.${msg.info.deliveryCount}`
        held.set(receipt, msg)
        claimed.push({
          id: meta.id,
          topic,
          payload: msg.json(),
          orderingKey: meta.key,
          attempts,
          maxAttempts: meta.maxAttempts,
          leaseUntil: new Date(now.getTime() + options.leaseMs),
          receipt,
        })
      }
      return claimed
    },

    async ack(job) {
      const msg = held.get(job.receipt)
      if (!msg) return false
      held.delete(job.receipt)
      return msg.ackAck().catch(() => false)
    },

    async retry(job, options): Promise<RetryOutcome> {
      const msg = held.get(job.receipt)
      if (!msg) return 'lease_lost'
      held.delete(job.receipt)
      if (job.attempts >= job.maxAttempts) {
        await bury(msg, job.topic, job.attempts, options.error ?? null)
        return 'dead'
      }
      msg.nak(Math.max(0, options.at.getTime() - clock.now().getTime()))
      return 'retrying'
    },

    async extend(job, leaseMs) {
      const msg = held.get(job.receipt)
      if (!msg) return null
      // NATS renews a lease for the consumer's ack_wait, whatever is asked
      msg.working()
      const ackWait = leases.get(job.topic) ?? leaseMs
      return { ...job, leaseUntil: new Date(clock.now().getTime() + ackWait) }
    },

    async deadLetters(topic, limit = 100) {
      checkTopic(topic)
      const info = await jsm.streams.info(deadStream)
      const out: DeadJob[] = []
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && out.length < limit; seq++) {
        const stored = await jsm.streams.getMessage(deadStream, { seq }).catch(() => null)
        if (!stored || stored.subject !== `${prefix}.dead.${topic}`) continue
        const meta = headersOf(stored)
        out.push({
          id: meta.id,
          topic,
          payload: stored.json(),
          orderingKey: meta.key,
          attempts: meta.attempts,
          lastError: meta.error,
          deadAt: meta.deadAt ? new Date(meta.deadAt) : stored.time,
          ref: String(seq),
        })
      }
      return out
    },

    async requeue(dead) {
      const seq = Number(dead.ref)
      const stored = await jsm.streams.getMessage(deadStream, { seq }).catch(() => null)
      if (!stored) return false
      const meta = headersOf(stored)
      const hdrs = newHeaders()
      hdrs.set(h.id, meta.id)
      if (meta.key !== null) hdrs.set(h.key, meta.key)
      hdrs.set(h.maxAttempts, String(meta.maxAttempts))
      await js.publish(subjectOf(dead.topic, meta.key), stored.data, {
        headers: hdrs,
        msgID: `${meta.id}.requeued.${seq}`,
      })
      await jsm.streams.deleteMessage(deadStream, seq)
      return true
    },

    async deleteStreams() {
      await jsm.streams.delete(jobsStream).catch(() => false)
      await jsm.streams.delete(deadStream).catch(() => false)
    },

    async close() {
      held.clear()
      await nc.drain().catch(() => nc.close())
    },
  }
}

async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  subject: string,
  retention: RetentionPolicy,
): Promise<void> {
  const existing = await jsm.streams.info(name).catch(() => null)
  if (existing) return
  await jsm.streams.add({ name, subjects: [subject], retention, storage: StorageType.File })
}
