import type { BatchItemOutcome, EventDraft, LiaisonError } from '@liaison/core'
import { batchSummary, isLiaisonError, refusalError } from '@liaison/core'
import {
  batchItemRef,
  claimBatchItem,
  itemSavepoint,
  setBatchItemRef,
} from '../store/batches/batchItemRows.ts'
import { databaseRefusal } from '../store/databaseRefusal.ts'
import type { ActionDeps } from './ActionDeps.ts'
import type { ActionContext, ActionMeta } from './runAction.ts'
import { runAction } from './runAction.ts'

/** How a batch applies its items, once the batch itself is let through. */
export interface BatchPlan<I, T> {
  /** Where item ids are unique and remembered: `log-entry:<organisation id>`. */
  readonly scope: string
  /** The organisation the audit row is about (default: the actor's). */
  readonly orgId?: string | null
  /**
   * Applies one item as an action body would (its own checks, refusals thrown as LiaisonError,
   * rows through ctx.tx, events through ctx.emit); returns its value and what it made (an id).
   */
  apply(ctx: ActionContext, item: I): Promise<{ readonly value: T; readonly ref: string | null }>
}

/** Refusals listed by item in the batch's audit row; beyond, only counted. */
export const auditedRefusalsPerBatch = 100

/**
 * Runs a batch as one action: one transaction, one audit row, and an outcome per item. `plan`
 * runs first, inside the action: a refusal there (the caller may not do this at all) refuses the
 * whole batch like any action. Then each item, in order, under a savepoint: an item id already
 * applied in the plan's scope (by an earlier batch, or earlier in this one) is `skipped-replay`;
 * an item whose `apply` throws a LiaisonError (or a database refusal) is rolled back to its
 * savepoint, its events dropped, and `refused` with that code; the others are `applied` and
 * remembered in `batch_items`. An unexpected error fails the whole batch. The audit row says how
 * many of each and which items were refused; the events of the applied items are published after
 * commit, as runAction does.
 */
export async function runBatchAction<I extends { readonly id: string }, T>(
  deps: ActionDeps,
  meta: ActionMeta,
  items: readonly I[],
  plan: (ctx: ActionContext) => Promise<BatchPlan<I, T>>,
): Promise<BatchItemOutcome<T>[]> {
  return runAction(deps, meta, async (ctx) => {
    const batch = await plan(ctx)
    const outcomes: BatchItemOutcome<T>[] = []
    for (const item of items) outcomes.push(await applyItem(ctx, batch, item))
    const refusals = outcomes.flatMap((o) => (o.outcome === 'refused' ? [{ id: o.id, code: o.code }] : []))
    ctx.target(null, batch.orgId ?? null, {
      ...batchSummary(outcomes),
      ...(refusals.length > 0 ? { refusals: refusals.slice(0, auditedRefusalsPerBatch) } : {}),
    })
    return outcomes
  })
}

async function applyItem<I extends { readonly id: string }, T>(
  ctx: ActionContext,
  batch: BatchPlan<I, T>,
  item: I,
): Promise<BatchItemOutcome<T>> {
  const pending: EventDraft[] = []
  const itemCtx: ActionContext = {
    tx: ctx.tx,
    at: ctx.at,
    newId: () => ctx.newId(),
    emit: (draft) => {
      pending.push(draft)
    },
    // the batch names the actor and writes the one audit row
    actAs: () => {},
    target: () => {},
    // what an item read of a case holds for the batch's events too
    knowCase: (caseId, ownerAndParticipants) => ctx.knowCase(caseId, ownerAndParticipants),
  }
  await itemSavepoint.open(ctx.tx)
  try {
    // taken first: a concurrent batch with the same item waits here, then finds it applied
    if (!(await claimBatchItem(ctx.tx, { scope: batch.scope, itemId: item.id, at: ctx.at }))) {
      const ref = await batchItemRef(ctx.tx, batch.scope, item.id)
      await itemSavepoint.release(ctx.tx)
      return { id: item.id, outcome: 'skipped-replay', ref }
    }
    const { value, ref } = await batch.apply(itemCtx, item)
    if (ref !== null) await setBatchItemRef(ctx.tx, batch.scope, item.id, ref)
    await itemSavepoint.release(ctx.tx)
    for (const draft of pending) ctx.emit(draft)
    return { id: item.id, outcome: 'applied', value }
  } catch (thrown) {
    const refusal = itemRefusal(thrown)
    if (!refusal) throw thrown
    await itemSavepoint.rollBack(ctx.tx)
    return {
      id: item.id,
      outcome: 'refused',
      code: refusal.code,
      ...(refusal.reason === undefined ? {} : { reason: refusal.reason }),
      message: refusal.message,
    }
  }
}

/** An item's refusal: a LiaisonError, or a database error the item's input caused. */
function itemRefusal(error: unknown): LiaisonError | null {
  if (isLiaisonError(error)) return error
  const code = (error as { code?: unknown } | null)?.code
  if (code === '23505') return refusalError('already_exists')
  return databaseRefusal(error)
}
