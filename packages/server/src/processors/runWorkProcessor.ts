import type { Logger } from 'pino'
import type { EventBus } from '../events/EventBus.ts'
import { readEventsOfKinds } from '../store/events/eventRows.ts'
import type { HeldLock, Store } from '../store/openStore.ts'
import {
  ensureProcessorCursor,
  headSeq,
  lockProcessorCursor,
  moveProcessorCursor,
  readProcessorCursor,
} from '../store/processorCursorRows.ts'
import type { WorkProcessor } from './Processor.ts'
import { processorLockKey } from './processorLockKey.ts'
import { retryDelayMs } from './retryDelayMs.ts'

export interface WorkProcessorOptions {
  /** Events per batch (of the processor's kinds). */
  readonly batchSize?: number
  /** How often a process that does not own the processor tries to take it over (ms). */
  readonly takeoverMs?: number
  /** How often the owner looks for events nobody woke it for (ms). */
  readonly pollMs?: number
  /** The first wait after a failed batch (ms); it doubles up to `maxRetryMs`. */
  readonly firstRetryMs?: number
  readonly maxRetryMs?: number
}

/** One work processor running in this process: it owns it (and handles its events) or stands by. */
export interface RunningWorkProcessor {
  readonly name: string
  /** True while this process owns the processor. */
  readonly owning: boolean
  /** Batches that failed in a row (0 once one succeeds). */
  readonly failures: number
  /** Handles what is committed now, if it owns the processor. */
  wake(): void
  /** Finishes the batch in hand, gives up ownership and stops. */
  close(): Promise<void>
}

/**
 * Runs a work processor (decision 016): on PostgreSQL the process that holds its advisory lock
 * owns it and the others try to take over every `takeoverMs`, so that when the owner dies (its
 * lock connection closes) another process goes on from the cursor; on PGlite the only process
 * owns it. The owner is woken by every batch of events on the bus, polls every `pollMs` for
 * anything else, and handles a batch at a time: read the cursor and the events after it up to the
 * head, then in one transaction lock the cursor row (still where it was), hand them over, move
 * the cursor, commit. A batch that fails is rolled back, logged
 * and tried again after a back-off that doubles; the action that wrote the events never knows.
 */
export async function runWorkProcessor(deps: {
  readonly store: Store
  readonly bus: EventBus
  readonly log: Logger
  readonly processor: WorkProcessor
  readonly options?: WorkProcessorOptions
}): Promise<RunningWorkProcessor> {
  const { store, processor } = deps
  const options = deps.options ?? {}
  const log = deps.log.child({ processor: processor.name })
  const batchSize = options.batchSize ?? 500
  const takeoverMs = options.takeoverMs ?? 1_000
  const pollMs = options.pollMs ?? 5_000
  const retry = { firstMs: options.firstRetryMs ?? 200, maxMs: options.maxRetryMs ?? 60_000 }
  const postgres = store.engine === 'postgres'

  await ensureProcessorCursor(store.db, processor.name)

  let closed = false
  let owning = !postgres
  let lock: HeldLock | null = null
  let running: Promise<void> | null = null
  let again = false
  let failures = 0
  let retryTimer: NodeJS.Timeout | null = null

  /**
   * One batch; false once the cursor is at the head. The events are read before the transaction,
   * which then only checks (under the row lock) that the cursor has not moved meanwhile, hands
   * them over and moves it: a transaction is open only while the processor writes. A stretch
   * with no event of its kinds moves the cursor in one statement, without a transaction.
   */
  const batch = async (): Promise<boolean> => {
    const head = await headSeq(store.db)
    const cursor = (await readProcessorCursor(store.db, processor.name)) ?? 0
    if (cursor >= head) return false
    const events = await readEventsOfKinds(store.db, {
      after: cursor,
      upTo: head,
      kinds: processor.kinds,
      limit: batchSize,
    })
    const last = events.at(-1)
    const to = events.length === batchSize && last ? last.seq : head
    if (events.length === 0) {
      await moveProcessorCursor(store.db, processor.name, to, cursor)
      return true
    }
    try {
      await store.db.transaction().execute(async (tx) => {
        // another process moved it (it owned the processor a moment ago): read again
        if ((await lockProcessorCursor(tx, processor.name)) !== cursor) return
        await processor.handle({ tx, events })
        await moveProcessorCursor(tx, processor.name, to, cursor)
      })
    } catch (error) {
      processor.rolledBack?.()
      throw error
    }
    processor.committed?.()
    return true
  }

  const run = (): void => {
    if (!owning || closed) return
    // a failed batch waits for its back-off, however often new events wake the processor
    if (retryTimer) return
    if (running) {
      again = true
      return
    }
    running = (async () => {
      do {
        again = false
        while (owning && !closed && (await batch())) failures = 0
      } while (again && owning && !closed)
    })()
      .catch((error: unknown) => {
        failures++
        const waitMs = retryDelayMs(failures, retry)
        log.error({ err: error, failures, retryInMs: waitMs }, 'a processor batch failed; trying it again')
        if (closed) return
        retryTimer = setTimeout(() => {
          retryTimer = null
          run()
        }, waitMs)
        retryTimer.unref()
      })
      .finally(() => {
        running = null
      })
  }

  const unsubscribe = deps.bus.subscribe(() => run())

  let takeover: NodeJS.Timeout | null = null
  if (postgres) {
    const holdLock = store.holdLock
    if (!holdLock) throw new Error('the PostgreSQL store cannot hold a lock')
    let trying = false
    const tryOwn = async (): Promise<void> => {
      if (owning || closed || trying) return
      trying = true
      try {
        const held = await holdLock.call(store, processorLockKey(processor.name), (error) => {
          log.warn({ err: error }, 'lost the processor lock; standing by')
          owning = false
          lock = null
        })
        if (!held) return
        if (closed) {
          await held.release()
          return
        }
        lock = held
        owning = true
        log.info('this process runs the processor')
        run()
      } catch (error) {
        log.warn({ err: error }, 'could not try for the processor lock')
      } finally {
        trying = false
      }
    }
    await tryOwn()
    takeover = setInterval(() => void tryOwn(), takeoverMs)
    takeover.unref()
  } else {
    run()
  }
  const poll = setInterval(run, pollMs)
  poll.unref()

  return {
    name: processor.name,
    get owning() {
      return owning
    },
    get failures() {
      return failures
    },
    wake: run,
    async close() {
      if (closed) return
      closed = true
      unsubscribe()
      clearInterval(poll)
      if (takeover) clearInterval(takeover)
      if (retryTimer) clearTimeout(retryTimer)
      while (running) await running
      await lock?.release()
      lock = null
      owning = false
    },
  }
}
