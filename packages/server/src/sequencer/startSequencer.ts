import type { Sha256Hex } from '@liaison/core'
import type { Logger } from 'pino'
import type { EventBus } from '../events/EventBus.ts'
import { eventsChannel } from '../events/followCommittedEvents.ts'
import type { HeldLock, Store } from '../store/openStore.ts'
import type { SequencedBatch } from '../store/events/sequenceBatch.ts'
import { sequenceBatch, sequenceChannel, sequencerLeaderLock } from '../store/events/sequenceBatch.ts'
import { chainedAuditIds } from '../store/audit/auditRows.ts'

/** What an action holds while it writes: its audit row's id, and a way to wait until it is chained. */
export interface SequencerTicket {
  /** Resolves once the audit row is in the chain (and its events numbered). */
  readonly done: Promise<void>
  /** The transaction rolled back: nothing to wait for. */
  cancel(): void
}

/**
 * Numbers the node's events and chains its audit (decision 012). Every process has one; on
 * PostgreSQL exactly one of a node's processes leads (an advisory lock) and the others wake it.
 */
export interface Sequencer {
  /** Call before the transaction that writes the audit row `auditId` commits. */
  expect(auditId: string): SequencerTicket
  /** Rows were committed: sequence them soon (here if this process leads, else wake the leader). */
  wake(): void
  /** True while this process is the one that sequences. */
  readonly leading: boolean
  /** Sequences what is left if it leads, gives up the lead, and stops. */
  close(): Promise<void>
}

export interface SequencerOptions {
  readonly store: Store
  readonly sha256: Sha256Hex
  readonly log: Logger
  /** PGlite: the sequencer publishes each batch's events here (PostgreSQL: followCommittedEvents). */
  readonly bus: EventBus
  /** How often a process that does not lead tries to take over (ms). */
  readonly takeoverMs?: number
  /** How often the leader looks for rows nobody woke it for (ms). */
  readonly pollMs?: number
  /** How long an action waits for its row before going on without (ms). */
  readonly waitMs?: number
  /** Audit rows per batch. */
  readonly batchSize?: number
}

interface Waiter {
  resolve(): void
  timer: NodeJS.Timeout
}

/** Starts this process's sequencer: on PGlite it always leads; on PostgreSQL it leads or stands by. */
export async function startSequencer(options: SequencerOptions): Promise<Sequencer> {
  const { store, log } = options
  const takeoverMs = options.takeoverMs ?? 1_000
  const pollMs = options.pollMs ?? 1_000
  const waitMs = options.waitMs ?? 15_000
  const limit = options.batchSize ?? 500
  const postgres = store.engine === 'postgres'
  const waiters = new Map<string, Waiter>()
  // PostgreSQL: batches run on a connection of their own, never queued behind the actions' requests for the pool
  const own = store.ownConnection?.call(store) ?? null
  const batchDb = own?.db ?? store.db
  let closed = false
  let leading = !postgres
  let lock: HeldLock | null = null
  let running: Promise<void> | null = null
  let again = false
  let retry: NodeJS.Timeout | null = null

  const settle = (auditIds: readonly string[]) => {
    for (const id of auditIds) {
      const waiter = waiters.get(id)
      if (!waiter) continue
      clearTimeout(waiter.timer)
      waiters.delete(id)
      waiter.resolve()
    }
  }

  const published = (batch: SequencedBatch) => {
    if (!postgres && batch.events.length > 0) {
      try {
        options.bus.publish(batch.events)
      } catch (error) {
        log.error({ err: error }, 'a listener failed on committed events')
      }
    }
    settle(batch.auditIds)
  }

  // the leader: one batch at a time; a wake during a batch runs another after it
  const run = (): void => {
    if (!leading || closed) return
    if (running) {
      again = true
      return
    }
    running = (async () => {
      do {
        again = false
        for (;;) {
          const batch = await sequenceBatch(batchDb, { engine: store.engine, sha256: options.sha256, limit })
          published(batch)
          if (batch.auditIds.length < limit) break
        }
      } while (again && leading)
    })()
      .catch((error: unknown) => {
        log.error({ err: error }, 'the sequencer could not sequence a batch; retrying')
        if (!retry) {
          retry = setTimeout(() => {
            retry = null
            run()
          }, 200)
          retry.unref()
        }
      })
      .finally(() => {
        running = null
      })
  }

  // PostgreSQL, not leading: wake the leader, one notification at a time
  let notifying = false
  let notifyAgain = false
  const notifyLeader = (): void => {
    if (notifying) {
      notifyAgain = true
      return
    }
    notifying = true
    void (async () => {
      do {
        notifyAgain = false
        await store.db
          .selectNoFrom((eb) => eb.fn('pg_notify', [eb.val(sequenceChannel), eb.val('')]).as('n'))
          .execute()
      } while (notifyAgain && !closed)
    })()
      .catch((error: unknown) => log.warn({ err: error }, 'could not wake the sequencer'))
      .finally(() => {
        notifying = false
      })
  }

  const wake = (): void => {
    if (closed) return
    if (leading) run()
    else if (postgres) notifyLeader()
  }

  // PostgreSQL, not leading: our rows were chained by the leader; which of them?
  let checking = false
  const checkElsewhere = (): void => {
    if (leading || checking || waiters.size === 0) return
    checking = true
    void chainedAuditIds(store.db, [...waiters.keys()])
      .then(settle)
      .catch((error: unknown) => log.warn({ err: error }, 'could not check for sequenced rows'))
      .finally(() => {
        checking = false
      })
  }

  let listening: { close(): Promise<void> } | null = null
  let takeover: NodeJS.Timeout | null = null
  let poll: NodeJS.Timeout | null = null
  if (postgres) {
    const listen = store.listen
    const holdLock = store.holdLock
    if (!listen || !holdLock) throw new Error('the PostgreSQL store cannot listen or hold a lock')
    const tryLead = async (): Promise<void> => {
      if (leading || closed) return
      try {
        const held = await holdLock.call(store, sequencerLeaderLock, (error) => {
          log.warn({ err: error }, 'lost the sequencer lock; standing by')
          leading = false
          lock = null
        })
        if (!held) return
        if (closed) {
          await held.release()
          return
        }
        lock = held
        leading = true
        log.info('this process sequences the node')
        run()
      } catch (error) {
        log.warn({ err: error }, 'could not try for the sequencer lock')
      }
    }
    let backoffMs = 500
    const connect = async (): Promise<void> => {
      try {
        const opened = await listen.call(
          store,
          [eventsChannel, sequenceChannel],
          (channel) => {
            if (channel === sequenceChannel) {
              if (leading) run()
            } else checkElsewhere()
          },
          (error) => {
            log.warn({ err: error }, 'lost the sequencer channel; listening again')
            listening = null
            setTimeout(() => void connect(), backoffMs).unref()
            backoffMs = Math.min(backoffMs * 2, 30_000)
          },
        )
        if (closed) {
          await opened.close()
          return
        }
        listening = opened
        backoffMs = 500
        checkElsewhere()
      } catch (error) {
        log.warn({ err: error }, 'cannot listen on the sequencer channel; retrying')
        setTimeout(() => void connect(), backoffMs).unref()
        backoffMs = Math.min(backoffMs * 2, 30_000)
      }
    }
    await connect()
    await tryLead()
    takeover = setInterval(() => {
      if (!leading) {
        void tryLead()
        checkElsewhere()
      }
    }, takeoverMs)
    takeover.unref()
  } else {
    run()
  }
  poll = setInterval(() => {
    if (leading) run()
  }, pollMs)
  poll.unref()

  return {
    get leading() {
      return leading
    },
    expect(auditId) {
      let resolve!: () => void
      const done = new Promise<void>((r) => {
        resolve = r
      })
      const timer = setTimeout(() => {
        if (!waiters.delete(auditId)) return
        log.warn({ auditId, waitMs }, 'the audit row was not sequenced in time; going on without it')
        resolve()
      }, waitMs)
      timer.unref()
      waiters.set(auditId, { resolve, timer })
      return {
        done,
        cancel() {
          clearTimeout(timer)
          waiters.delete(auditId)
        },
      }
    },
    wake,
    async close() {
      if (closed) return
      if (takeover) clearInterval(takeover)
      if (poll) clearInterval(poll)
      if (retry) clearTimeout(retry)
      // what was committed before close is chained before the lead is given up
      if (leading) {
        run()
        while (running) await running
      }
      closed = true
      await listening?.close()
      // no longer the leader before the lock goes: another process may take it at once
      const held = lock
      lock = null
      leading = !postgres
      await held?.release()
      await own?.close()
      for (const [id, waiter] of waiters) {
        clearTimeout(waiter.timer)
        waiters.delete(id)
        waiter.resolve()
      }
    },
  }
}
