import type { Logger } from 'pino'
import type { Store } from '../store/openStore.ts'
import type { EventBus } from './EventBus.ts'
import { readEvents } from '../store/events/eventRows.ts'
import { headSeq } from '../store/processorCursorRows.ts'
import { coalescedRuns } from '../runtime/coalescedRuns.ts'

/** The PostgreSQL channel on which a commit that wrote events wakes every process of the node. */
export const eventsChannel = 'liaison_events'

const page = 500
const safetyPollMs = 10_000

/**
 * On PostgreSQL several processes (and the CLI) may write to one node's database. Each commit
 * that wrote events notifies `eventsChannel` (inside its transaction, so only once committed);
 * here every process, the writer included, then reads the events after the last one it
 * published, in seq order, and publishes them on its own bus. Seqs follow commit order (the audit
 * head lock), so reading `seq > last` never skips a commit. A lost listening connection is
 * re-opened with back-off and followed by a catch-up, and a slow poll covers anything else: no
 * event is lost, none is published twice.
 */
export async function followCommittedEvents(deps: {
  readonly store: Store
  readonly bus: EventBus
  readonly log: Logger
}): Promise<{ close(): Promise<void> }> {
  const { store, bus, log } = deps
  const listen = store.listen
  if (!listen) throw new Error('following committed events needs a PostgreSQL store')
  let last = await headSeq(store.db)
  let closed = false

  const runs = coalescedRuns(
    async () => {
      for (;;) {
        const events = await readEvents(store.db, last, page)
        if (closed) return
        if (events.length > 0) {
          last = events[events.length - 1]!.seq
          bus.publish(events)
        }
        if (events.length < page) break
      }
    },
    {
      active: () => !closed,
      failed: (error) => log.error({ err: error }, 'could not read committed events; retrying'),
    },
  )
  const catchUp = (): void => runs.run()

  let listening: { close(): Promise<void> } | null = null
  let retry: NodeJS.Timeout | null = null
  let backoffMs = 500
  const connect = async (): Promise<void> => {
    try {
      const opened = await listen.call(store, eventsChannel, catchUp, (error) => {
        log.warn({ err: error }, 'lost the events channel; listening again')
        listening = null
        schedule()
      })
      if (closed) {
        await opened.close()
        return
      }
      listening = opened
      backoffMs = 500
      catchUp()
    } catch (error) {
      log.warn({ err: error }, 'cannot listen on the events channel; retrying')
      schedule()
    }
  }
  const schedule = () => {
    if (closed || retry) return
    retry = setTimeout(() => {
      retry = null
      void connect()
    }, backoffMs)
    backoffMs = Math.min(backoffMs * 2, 30_000)
  }
  await connect()
  const poll = setInterval(catchUp, safetyPollMs)
  poll.unref()

  return {
    async close() {
      closed = true
      clearInterval(poll)
      if (retry) clearTimeout(retry)
      await listening?.close()
      await runs.current
    },
  }
}
