import type { StoredEvent } from '@liaison/core'
import type { Logger } from 'pino'
import type { EventBus } from '../events/EventBus.ts'
import { readEventsOfKinds } from '../store/events/eventRows.ts'
import type { HeldLock, Store } from '../store/openStore.ts'
import {
  ensureProcessorCursor,
  headSeq,
  moveProcessorCursor,
  readProcessorCursor,
} from '../store/processorCursorRows.ts'
import type { WorkProcessor } from './Processor.ts'
import { processorLockKey } from './processorLockKey.ts'
import { retryDelayMs } from '../runtime/retryDelayMs.ts'
import { coalescedRuns } from '../runtime/coalescedRuns.ts'

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
  /** How soon a cursor moved past events of other kinds is saved (ms). */
  readonly saveMs?: number
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
  const saveMs = options.saveMs ?? 100
  const retry = { firstMs: options.firstRetryMs ?? 200, maxMs: options.maxRetryMs ?? 60_000 }
  const postgres = store.engine === 'postgres'

  await ensureProcessorCursor(store.db, processor.name)

  let closed = false
  let owning = !postgres
  let lock: HeldLock | null = null
  let failures = 0
  let retryTimer: NodeJS.Timeout | null = null
  // where this process knows the cursor to be (null: read it from the database), and what the
  // database holds: they differ only by a stretch of events of other kinds, saved within saveMs
  let cursor: number | null = null
  let saved = 0
  let saveTimer: NodeJS.Timeout | null = null
  // the events the bus brought after `cursor`, without a gap: handled without reading them again
  let heard: StoredEvent[] = []
  const wanted = processor.kinds === null ? null : new Set<string>(processor.kinds)
  const mine = (e: StoredEvent) => wanted === null || wanted.has(e.kind)
  const relevant = async (events: readonly StoredEvent[]): Promise<readonly StoredEvent[]> =>
    events.length === 0 || !processor.relevant ? events : processor.relevant(store.db, events)

  // the database must be read before the next batch: at the start, after a gap, on the poll
  let look = true

  const forget = () => {
    cursor = null
    heard = []
    look = true
  }

  /** The bus's events, kept while they follow on from what is known; after a gap, read the database. */
  const hear = (events: readonly StoredEvent[]) => {
    if (!owning || closed || events.length === 0) return
    if (cursor === null) {
      look = true
      return
    }
    const last = heard.at(-1)?.seq ?? cursor
    const fresh = events.filter((e) => e.seq > last)
    if (fresh.length === 0) return
    if (fresh[0]!.seq !== last + 1) {
      heard = []
      look = true
      return
    }
    heard.push(...fresh)
  }

  /** Keeps what was heard after `to` if it follows on from it; else reads the database next. */
  const keepHeardAfter = (to: number) => {
    heard = heard.filter((e) => e.seq > to)
    if (heard.length > 0 && heard[0]!.seq !== to + 1) {
      heard = []
      look = true
    }
  }

  /**
   * In one transaction: the cursor moved from where the database holds it (`saved`) to `to`,
   * which takes its row lock, and the events handed over. False if another process moved it
   * meanwhile (it owned the processor a moment ago): the transaction writes nothing then.
   */
  const handOver = async (events: readonly StoredEvent[], from: number, to: number): Promise<boolean> => {
    let moved = false
    try {
      await store.db.transaction().execute(async (tx) => {
        if (!(await moveProcessorCursor(tx, processor.name, to, from))) return
        moved = true
        await processor.handle({ tx, events })
      })
    } catch (error) {
      processor.rolledBack?.()
      throw error
    }
    if (!moved) return false
    processor.committed?.()
    return true
  }

  /**
   * One batch; false once the cursor is at the head. What the bus brought is handled as it came
   * (the events of the processor's kinds, handed over in the transaction that moves the cursor;
   * a stretch of none only moves the cursor here, saved to the database within `saveMs`); what
   * it did not (at the start, after a gap, on the poll) is read from the database first.
   */
  const batch = async (): Promise<boolean> => {
    if (cursor !== null && heard.length > 0) {
      const taken = heard.slice(0, batchSize)
      const events = await relevant(taken.filter(mine))
      const to = taken.at(-1)!.seq
      if (events.length > 0 && !(await handOver(events, saved, to))) {
        forget()
        return true
      }
      heard = heard.slice(taken.length)
      cursor = to
      if (events.length > 0) saved = to
      else scheduleSave()
      return true
    }
    if (!look) return false
    look = false
    const head = await headSeq(store.db)
    const at = (await readProcessorCursor(store.db, processor.name)) ?? 0
    saved = at
    cursor = Math.max(at, cursor ?? 0)
    keepHeardAfter(cursor)
    if (cursor >= head) return heard.length > 0
    const read = await readEventsOfKinds(store.db, {
      after: cursor,
      upTo: head,
      kinds: processor.kinds,
      limit: batchSize,
    })
    const last = read.at(-1)
    const to = read.length === batchSize && last ? last.seq : head
    const events = await relevant(read)
    if (to < head) look = true
    keepHeardAfter(to)
    if (events.length > 0 && !(await handOver(events, saved, to))) {
      forget()
      return true
    }
    cursor = to
    if (events.length > 0) saved = to
    else scheduleSave()
    return true
  }

  /** Saves a cursor moved past events of other kinds, once per `saveMs` at most. */
  const save = async (): Promise<void> => {
    if (cursor === null || cursor <= saved) return
    const to = cursor
    if (await moveProcessorCursor(store.db, processor.name, to, saved)) saved = to
    else forget()
  }
  const scheduleSave = () => {
    if (saveTimer || closed) return
    saveTimer = setTimeout(() => {
      saveTimer = null
      run()
    }, saveMs)
    saveTimer.unref()
  }

  const runs = coalescedRuns(
    async () => {
      while (owning && !closed && (await batch())) failures = 0
      // inside the loop: events heard while it saves are handled before it stops
      if (owning && !closed && !saveTimer) await save()
    },
    {
      // a failed batch waits for its back-off, however often new events wake the processor
      active: () => owning && !closed && !retryTimer,
      failed: (error) => {
        failures++
        forget()
        const waitMs = retryDelayMs(failures, retry)
        log.error({ err: error, failures, retryInMs: waitMs }, 'a processor batch failed; trying it again')
        if (closed) return
        retryTimer = setTimeout(() => {
          retryTimer = null
          run()
        }, waitMs)
        retryTimer.unref()
      },
    },
  )
  const run = (): void => runs.run()

  const unsubscribe = deps.bus.subscribe((events) => {
    hear(events)
    run()
  })

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
          forget()
        })
        if (!held) return
        if (closed) {
          await held.release()
          return
        }
        lock = held
        forget()
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
  const lookAgain = () => {
    look = true
    run()
  }
  const poll = setInterval(lookAgain, pollMs)
  poll.unref()

  return {
    name: processor.name,
    get owning() {
      return owning
    },
    get failures() {
      return failures
    },
    wake: lookAgain,
    async close() {
      if (closed) return
      closed = true
      unsubscribe()
      clearInterval(poll)
      if (takeover) clearInterval(takeover)
      if (retryTimer) clearTimeout(retryTimer)
      if (saveTimer) clearTimeout(saveTimer)
      await runs.current
      if (owning)
        await save().catch((error: unknown) => log.warn({ err: error }, 'could not save the cursor'))
      // no longer the owner before the lock goes: another process may take it at once
      const held = lock
      lock = null
      owning = false
      await held?.release()
    },
  }
}
