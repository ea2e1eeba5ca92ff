// A worker process for the queue contract: opens the queue named on its command line, claims
// jobs, prints their ids as one JSON line, then holds its leases until it is killed.
import type { Queue, StoreOptions } from '@liaison/server'
import {
  createDatabaseQueue,
  fixedClock,
  openNatsQueue,
  openStore,
  systemClock,
  uuidv7Source,
} from '@liaison/server'

export type QueueChildArgs = {
  readonly topic: string
  readonly max: number
  readonly leaseMs: number
} & (
  | { readonly engine: 'database'; readonly store: StoreOptions; readonly nowMs: number }
  | { readonly engine: 'nats'; readonly url: string; readonly prefix: string }
)

const args = JSON.parse(process.argv[2] ?? '{}') as QueueChildArgs
let queue: Queue
if (args.engine === 'database') {
  const clock = fixedClock(new Date(args.nowMs))
  queue = createDatabaseQueue({ store: await openStore(args.store), clock, ids: uuidv7Source(clock) })
} else {
  queue = await openNatsQueue({ url: args.url, prefix: args.prefix, ids: uuidv7Source(systemClock) })
}
const claimed = await queue.claim({
  topic: args.topic,
  max: args.max,
  leaseMs: args.leaseMs,
  workerId: 'child',
})
process.stdout.write(`${JSON.stringify(claimed.map((j) => j.id))}\n`)
setInterval(() => {}, 60_000)
