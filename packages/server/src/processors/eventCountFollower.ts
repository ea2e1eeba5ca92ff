import type { Metrics } from '../metrics.ts'
import type { Follower } from './Processor.ts'

/** Counts the committed events by kind (`liaison_events_committed_total`), in every process. */
export function eventCountFollower(metrics: Pick<Metrics, 'eventsCommitted'>): Follower {
  return {
    name: 'event-count',
    kinds: null,
    handle(events) {
      for (const e of events) metrics.eventsCommitted.inc({ kind: e.kind })
    },
  }
}
