import type { Logger } from 'pino'
import type { Clock } from '../runtime/Clock.ts'
import type { Queue } from './Queue.ts'
import type { Worker } from './runWorker.ts'
import { runWorker } from './runWorker.ts'

/** The `echo` topic: the queue's test processor. It logs each job's payload and acks it. */
export function startEchoWorker(deps: { queue: Queue; clock: Clock; log: Logger; nodeId: string }): Worker {
  return runWorker({
    queue: deps.queue,
    topic: 'echo',
    workerId: `${deps.nodeId}:${process.pid}:echo`,
    clock: deps.clock,
    log: deps.log,
    idleMs: 500,
    handle: async (job) => {
      deps.log.info({ topic: 'echo', job: job.id, payload: job.payload }, 'echo job handled')
    },
  })
}
