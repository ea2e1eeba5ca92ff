import { escalatesAt, pagesOnCaseOpened } from '@liaison/core'
import type { WorkProcessor } from '../processors/Processor.ts'
import type { NewJob, Queue } from '../queue/Queue.ts'
import type { Clock } from '../runtime/Clock.ts'
import { pagingPolicyOf } from '../store/paging/pagingRows.ts'
import type { PagingJob } from './pagingJobs.ts'
import { pagingTopic } from './pagingJobs.ts'

/** The name of the paging processor's cursor. */
export const pagingProcessorName = 'paging'

/**
 * Turns the node's events into paging's durable work (decision 044): a case opened at its
 * owner's chosen severity or above queues the start of a page; a partner's item an organisation
 * now sees queues a check when it will have waited the organisation's time; each step paged
 * queues the escalation to the next at its time.
 *
 * The jobs are queued before the cursor moves past their events, in `relevant`, on the pool:
 * the queue cannot write inside the processor's transaction (on PGlite that transaction holds
 * the only connection, and the database engine's queue writes on its own), so the processor
 * answers that no event needs a transaction and its cursor moves after the jobs are queued. A
 * failure to queue fails the batch, which is tried again; a batch seen again (a crash before
 * the cursor was saved) queues its jobs again, and the worker does each at most once (a page
 * per case or item, a step once).
 */
export function pagingProcessor(deps: { readonly queue: Queue; readonly clock: Clock }): WorkProcessor {
  return {
    name: pagingProcessorName,
    kinds: ['case.opened', 'incoming.received', 'page.paged'],
    async relevant(db, events) {
      const jobs: NewJob[] = []
      const job = (payload: PagingJob, notBefore?: Date): NewJob => ({
        topic: pagingTopic,
        payload,
        maxAttempts: 10,
        ...(notBefore ? { notBefore } : {}),
      })
      for (const event of events) {
        const body = event.body
        if (body.kind === 'case.opened') {
          const policy = await pagingPolicyOf(db, body.case.ownerOrgId)
          if (policy && pagesOnCaseOpened(policy, body.case.severity))
            jobs.push(job({ type: 'case-opened', caseId: body.case.id }))
        } else if (body.kind === 'incoming.received') {
          const policy = await pagingPolicyOf(db, event.orgId)
          if (!policy || policy.incomingWaitSeconds === null || policy.chain.length === 0) continue
          const due = escalatesAt(event.at, policy.incomingWaitSeconds)
          for (const item of body.items)
            jobs.push(
              job(
                {
                  type: 'incoming',
                  orgId: event.orgId,
                  item: { origin: item.origin, kind: item.kind, id: item.id },
                },
                due,
              ),
            )
        } else if (body.kind === 'page.paged' && body.escalatesAt !== null) {
          jobs.push(
            job({ type: 'escalate', pageId: body.pageId, toStep: body.step + 1 }, new Date(body.escalatesAt)),
          )
        }
      }
      if (jobs.length > 0) await deps.queue.enqueue(jobs)
      return []
    },
    // never called: `relevant` answers that no event needs the processor's transaction
    async handle() {},
  }
}
