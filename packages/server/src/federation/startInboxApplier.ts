import type { ActionDeps } from '../actions/ActionDeps.ts'
import { retryDelayMs } from '../runtime/retryDelayMs.ts'
import { coalescedRuns } from '../runtime/coalescedRuns.ts'
import { peersWithUnapplied } from '../store/federation/receivedItemRows.ts'
import { applyInboxBatch, inboxApplyBatchSize } from './applyInboxBatch.ts'
import { onInbox } from './inboxSignal.ts'

export interface InboxApplier {
  /** Entries were received: apply what waits. */
  wake(): void
  /** Finishes the batch in hand and stops. */
  close(): Promise<void>
}

/**
 * The inbox processor (decision 035), in the process that runs the work processors: woken when
 * this process receives entries and every `pollMs` (entries another process received), it
 * applies each peer's inbox a batch at a time (`applyInboxBatch`) until nothing waits. A batch
 * that fails is rolled back, logged and tried again after a back-off that doubles (200 ms to a
 * minute); nothing is lost or applied twice. Several processes may run it: a peer's batches are
 * serialised by the lock on its state row.
 */
export function startInboxApplier(
  deps: ActionDeps,
  options: { readonly pollMs?: number; readonly batchSize?: number } = {},
): InboxApplier {
  const log = deps.log.child({ component: 'federation-apply' })
  const batchSize = options.batchSize ?? inboxApplyBatchSize
  let closed = false
  let failures = 0
  let retryTimer: NodeJS.Timeout | null = null

  const pass = async () => {
    for (const peer of await peersWithUnapplied(deps.store.db)) {
      for (;;) {
        if (closed) return
        const done = await applyInboxBatch(deps, peer, batchSize)
        if (done.applied + done.skipped < batchSize) break
      }
    }
  }

  const runs = coalescedRuns(pass, {
    active: () => !closed,
    succeeded: () => {
      failures = 0
    },
    failed: (error) => {
      failures += 1
      log.error({ err: error, failures }, 'applying received entries failed; it is tried again')
      if (closed || retryTimer) return
      retryTimer = setTimeout(
        () => {
          retryTimer = null
          run()
        },
        retryDelayMs(failures, { firstMs: 200, maxMs: 60_000 }),
      )
      retryTimer.unref()
    },
  })
  const run = (): void => runs.run()

  const stopListening = onInbox(deps.store, run)
  const timer = setInterval(run, options.pollMs ?? 2_000)
  timer.unref()
  run()
  return {
    wake: run,
    async close() {
      closed = true
      stopListening()
      clearInterval(timer)
      if (retryTimer) clearTimeout(retryTimer)
      await runs.current
    },
  }
}
