import type { NodeConfig } from '../config.ts'
import type { Clock } from '../runtime/Clock.ts'
import type { IdSource } from '../runtime/IdSource.ts'
import type { Store } from '../store/openStore.ts'
import type { Queue } from './Queue.ts'
import { createDatabaseQueue } from '../store/queue/databaseQueue.ts'
import { openNatsQueue } from './natsQueue.ts'

/** The engine `queue.engine` names: the node's own database, or NATS JetStream at `queue.natsUrl`. */
export async function openQueue(
  config: NodeConfig,
  deps: { readonly store: Store; readonly clock: Clock; readonly ids: IdSource },
): Promise<Queue> {
  return config.queue.engine === 'nats'
    ? openNatsQueue({
        url: config.queue.natsUrl,
        prefix: config.queue.natsPrefix,
        ids: deps.ids,
        clock: deps.clock,
      })
    : createDatabaseQueue(deps)
}
