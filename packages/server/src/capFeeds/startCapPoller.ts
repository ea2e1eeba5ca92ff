import type { ActionDeps } from '../actions/ActionDeps.ts'
import { processorLockKey } from '../processors/processorLockKey.ts'
import type { HeldLock } from '../store/openStore.ts'
import { listCapSources } from '../store/alerts/capSourceRows.ts'
import type { PollLimits } from './pollCapSource.ts'
import { defaultPollLimits, pollCapSource } from './pollCapSource.ts'

export interface CapPollerOptions {
  /** How often the poller looks for sources that are due (ms). */
  readonly tickMs?: number
  /** How often a process that does not poll tries to take over (ms; PostgreSQL). */
  readonly takeoverMs?: number
  readonly limits?: PollLimits
}

export interface RunningCapPoller {
  /** True while this process polls the node's sources. */
  readonly owning: boolean
  /** Polls every enabled source that is due now (if this process polls), then resolves. */
  pollDue(): Promise<void>
  /** Finishes the poll in hand and stops. */
  close(): Promise<void>
}

/** The lock whose holder polls the node's CAP sources: one process of a node at a time. */
export const capPollerLockName = 'cap-poller'

/**
 * Polls the node's CAP sources (decision 031), in the process with the `jobs` service that holds
 * the poller's lock (PostgreSQL; the others try to take over, as work processors do; on PGlite the
 * only process polls). Every `tickMs` it polls, one after the other, each enabled source whose
 * interval has passed since it was last fetched.
 */
export async function startCapPoller(
  deps: ActionDeps,
  options: CapPollerOptions = {},
): Promise<RunningCapPoller> {
  const { store } = deps
  const log = deps.log.child({ processor: capPollerLockName })
  const tickMs = options.tickMs ?? 5_000
  const takeoverMs = options.takeoverMs ?? 1_000
  const limits = options.limits ?? defaultPollLimits
  let owning = store.engine !== 'postgres'
  let closed = false
  let lock: HeldLock | null = null
  let running: Promise<void> | null = null

  const pollOnce = async (): Promise<void> => {
    const now = deps.clock.now().getTime()
    for (const source of await listCapSources(store.db)) {
      if (!owning || closed) return
      if (!source.enabled) continue
      const last = source.last_fetched_at?.getTime()
      if (last !== undefined && now - last < source.poll_seconds * 1000) continue
      try {
        await pollCapSource(deps, source, limits)
      } catch (error) {
        log.error({ err: error, capSource: source.name }, 'polling a CAP source failed')
      }
    }
  }
  const pollDue = (): Promise<void> => {
    if (!owning || closed) return Promise.resolve()
    running ??= pollOnce()
      .catch((error: unknown) => log.error({ err: error }, 'the CAP poller failed; it tries again'))
      .finally(() => {
        running = null
      })
    return running
  }

  let takeover: NodeJS.Timeout | null = null
  if (store.engine === 'postgres') {
    const holdLock = store.holdLock
    if (!holdLock) throw new Error('the PostgreSQL store cannot hold a lock')
    let trying = false
    const tryOwn = async (): Promise<void> => {
      if (owning || closed || trying) return
      trying = true
      try {
        const held = await holdLock.call(store, processorLockKey(capPollerLockName), (error) => {
          log.warn({ err: error }, 'lost the CAP poller lock; standing by')
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
        log.info('this process polls the CAP sources')
        void pollDue()
      } catch (error) {
        log.warn({ err: error }, 'could not try for the CAP poller lock')
      } finally {
        trying = false
      }
    }
    await tryOwn()
    takeover = setInterval(() => void tryOwn(), takeoverMs)
    takeover.unref()
  } else {
    void pollDue()
  }
  const tick = setInterval(() => void pollDue(), tickMs)
  tick.unref()

  return {
    get owning() {
      return owning
    },
    pollDue,
    async close() {
      if (closed) return
      closed = true
      clearInterval(tick)
      if (takeover) clearInterval(takeover)
      while (running) await running
      // no longer the owner before the lock goes: another process may take it at once
      const held = lock
      lock = null
      owning = false
      await held?.release()
    },
  }
}
