import type { Logger } from 'pino'
import { escalatePage, startPage } from '../actions/pages.ts'
import type { Queue } from '../queue/Queue.ts'
import type { Worker } from '../queue/runWorker.ts'
import { runWorker } from '../queue/runWorker.ts'
import type { PagingDeps } from './PagingDeps.ts'
import { pagingTopic, readPagingJob } from './pagingJobs.ts'

const asNode = { kind: 'system', label: 'paging' } as const

/**
 * The paging worker (decision 044), in a process with the jobs service: claims paging's due
 * jobs from the queue and starts pages or escalates them. Each job is acknowledged once its
 * action committed and its messages went out; a job whose process died meanwhile is claimed
 * again when its lease runs out, and its action does nothing twice.
 */
export function startPagingWorker(
  deps: PagingDeps & { readonly queue: Queue; readonly log: Logger; readonly pollMs: number },
): Worker {
  return runWorker({
    queue: deps.queue,
    topic: pagingTopic,
    workerId: `paging-${process.pid}`,
    clock: deps.clock,
    log: deps.log,
    idleMs: deps.pollMs,
    leaseMs: 60_000,
    async handle(claimed) {
      const job = readPagingJob(claimed.payload)
      if (!job) {
        deps.log.warn({ job: claimed.id }, 'a paging job of an unknown shape was dropped')
        return
      }
      switch (job.type) {
        case 'case-opened': {
          const started = await startPage(deps, {
            caller: asNode,
            start: { reason: 'case_opened', caseId: job.caseId },
            source: 'paging',
          })
          await started?.sent
          return
        }
        case 'incoming': {
          const started = await startPage(deps, {
            caller: asNode,
            start: { reason: 'incoming_waiting', orgId: job.orgId, item: job.item },
            source: 'paging',
          })
          await started?.sent
          return
        }
        case 'escalate': {
          const { sent } = await escalatePage(deps, { pageId: job.pageId, toStep: job.toStep })
          await sent
          return
        }
        default: {
          const exhaustive: never = job
          return exhaustive
        }
      }
    },
  })
}
