import type { Logger } from 'pino'
import type { Clock } from '../runtime/Clock.ts'
import type { ClaimedJob, Queue } from './Queue.ts'
import { retryDelayMs } from './queueRules.ts'

export interface WorkerOptions {
  readonly queue: Queue
  readonly topic: string
  readonly workerId: string
  /** Does the job; a throw hands it back with a back-off (or to the dead letters after its last attempt). */
  readonly handle: (job: ClaimedJob) => Promise<void>
  readonly clock: Clock
  readonly log: Logger
  readonly batch?: number
  readonly leaseMs?: number
  /** Wait between claims that found nothing. */
  readonly idleMs?: number
  /** Back-off before attempt n + 1, after attempt n failed. */
  readonly backoffMs?: (attempts: number) => number
}

export interface Worker {
  /** Stops claiming, lets the jobs in hand finish, and resolves once the loop has ended. */
  stop(): Promise<void>
}

/** A worker loop: claim, handle each job, ack it or hand it back for later; stops cleanly. */
export function runWorker(options: WorkerOptions): Worker {
  const { queue, topic, workerId, handle, clock, log } = options
  const batch = options.batch ?? 10
  const leaseMs = options.leaseMs ?? 30_000
  const idleMs = options.idleMs ?? 1_000
  const backoff = options.backoffMs ?? ((attempts: number) => retryDelayMs(attempts))
  let stopping = false
  let wake: (() => void) | null = null
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wake = null
        resolve()
      }
      wake = done
    })

  const loop = (async () => {
    while (!stopping) {
      let jobs: ClaimedJob[]
      try {
        jobs = await queue.claim({ topic, max: batch, leaseMs, workerId })
      } catch (error) {
        log.warn({ err: error, topic, workerId }, 'queue claim failed; trying again')
        await sleep(idleMs)
        continue
      }
      if (jobs.length === 0) {
        await sleep(idleMs)
        continue
      }
      for (const job of jobs) {
        try {
          await handle(job)
          if (!(await queue.ack(job)))
            log.warn({ topic, job: job.id, workerId }, 'job done after its lease was lost; it may run again')
        } catch (error) {
          const at = new Date(clock.now().getTime() + backoff(job.attempts))
          const message = error instanceof Error ? error.message : String(error)
          const outcome = await queue.retry(job, { at, error: message }).catch(() => 'lease_lost' as const)
          log[outcome === 'dead' ? 'error' : 'warn'](
            { topic, job: job.id, attempts: job.attempts, outcome, err: error },
            outcome === 'dead' ? 'job dead-lettered after its last attempt' : 'job failed; retrying later',
          )
        }
      }
    }
  })()

  return {
    async stop() {
      stopping = true
      wake?.()
      await loop
    },
  }
}
