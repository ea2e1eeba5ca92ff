import type { StoredEvent } from '@liaison/core'
import type { Logger } from 'pino'
import type { EventBus } from '../events/EventBus.ts'
import { readEventsOfKinds } from '../store/events/eventRows.ts'
import type { Store } from '../store/openStore.ts'
import { headSeq } from '../store/processorCursorRows.ts'
import type { Follower } from './Processor.ts'

/** Events read at a time when a follower starts from an earlier seq. */
const catchUpPage = 500

/**
 * Runs a follower in this process (decision 016): it is given each batch of events published on
 * the bus from now on (of its kinds), or, with `from`, first the stored events after that seq and
 * then the live ones, none twice and none skipped. A follower that throws is logged and given the
 * next batch all the same; it never reaches the publisher.
 */
export async function runFollower(deps: {
  readonly store: Store
  readonly bus: EventBus
  readonly log: Logger
  readonly follower: Follower
  readonly from?: number
}): Promise<{ stop(): void }> {
  const { follower } = deps
  const log = deps.log.child({ follower: follower.name })
  const wanted = follower.kinds === null ? null : new Set<string>(follower.kinds)
  let last = deps.from ?? 0
  let live = deps.from === undefined
  let held: StoredEvent[] = []

  const give = (events: readonly StoredEvent[]) => {
    const fresh = events.filter((e) => e.seq > last && (wanted === null || wanted.has(e.kind)))
    const newest = events.at(-1)
    if (newest && newest.seq > last) last = newest.seq
    if (fresh.length === 0) return
    try {
      follower.handle(fresh)
    } catch (error) {
      log.error({ err: error, from: fresh[0]?.seq, to: fresh.at(-1)?.seq }, 'a follower failed on events')
    }
  }

  const unsubscribe = deps.bus.subscribe((events) => {
    if (live) give(events)
    else held.push(...events)
  })
  if (!live) {
    try {
      for (;;) {
        const head = await headSeq(deps.store.db)
        if (head <= last) break
        give(
          await readEventsOfKinds(deps.store.db, {
            after: last,
            upTo: head,
            kinds: null,
            limit: catchUpPage,
          }),
        )
      }
    } catch (error) {
      unsubscribe()
      throw error
    }
    give(held)
    held = []
    live = true
  }
  return { stop: unsubscribe }
}
