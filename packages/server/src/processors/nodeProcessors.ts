import type { Logger } from 'pino'
import type { EventBus } from '../events/EventBus.ts'
import type { NodeSigningKey } from '../auth/loadSigningKey.ts'
import { outboxProcessor } from '../federation/outboxProcessor.ts'
import type { Metrics } from '../metrics.ts'
import type { Clock } from '../runtime/Clock.ts'
import { notificationsProcessor } from '../notifications/notificationsProcessor.ts'
import { publicAlertsProcessor } from '../public/publicAlertsProcessor.ts'
import type { Store } from '../store/openStore.ts'
import { eventCountFollower } from './eventCountFollower.ts'
import type { RunningProcessors } from './startProcessors.ts'
import { startProcessors } from './startProcessors.ts'

/**
 * The node's own processors (decision 016): the work processors (notifications, the federation
 * outbox, the public alerts of decision 034; later the dispatch planner) and this process's followers (the
 * metrics; the live stream runs with the HTTP routes that serve it). The work processors run only
 * where `work` is set: in a process with the `jobs` service (decision 017).
 */
export function startNodeProcessors(deps: {
  readonly store: Store
  readonly bus: EventBus
  readonly log: Logger
  readonly metrics: Metrics
  readonly work: boolean
  /** The federation outbox's node, key and clock; `appended` wakes the push after a commit. */
  readonly federation: {
    readonly nodeId: string
    readonly signingKey: NodeSigningKey
    readonly clock: Clock
    readonly appended: () => void
  }
}): Promise<RunningProcessors> {
  return startProcessors({
    store: deps.store,
    bus: deps.bus,
    log: deps.log,
    work: deps.work
      ? [notificationsProcessor(), outboxProcessor(deps.federation), publicAlertsProcessor()]
      : [],
    followers: [eventCountFollower(deps.metrics)],
  })
}
