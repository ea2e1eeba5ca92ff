import type { ErrorCode } from '../errors/errorCodes.ts'
import type { RefusalReason } from '../errors/refusalReasons.ts'

/**
 * What became of one item of a batch (a peer's events, an imported file, delivery outcomes): it
 * was applied; it had been applied before under the same item id, so it is skipped (a replay is
 * not a failure); or it was refused, with the code, reason and message a single request would have got.
 */
export type BatchItemOutcome<T> =
  | { readonly id: string; readonly outcome: 'applied'; readonly value: T }
  | {
      readonly id: string
      readonly outcome: 'skipped-replay'
      /** What the item made when it was first applied (its entry's id), when known. */
      readonly ref: string | null
    }
  | {
      readonly id: string
      readonly outcome: 'refused'
      readonly code: ErrorCode
      /** The rule that refused, when one did. */
      readonly reason?: RefusalReason | undefined
      readonly message: string
    }

export type BatchOutcomeKind = BatchItemOutcome<unknown>['outcome']

export interface BatchSummary {
  readonly items: number
  readonly applied: number
  readonly skipped: number
  readonly refused: number
}

/** Counts a batch's outcomes, as its audit row and its answer give them. */
export function batchSummary(outcomes: readonly BatchItemOutcome<unknown>[]): BatchSummary {
  let applied = 0
  let skipped = 0
  let refused = 0
  for (const o of outcomes) {
    switch (o.outcome) {
      case 'applied':
        applied++
        break
      case 'skipped-replay':
        skipped++
        break
      case 'refused':
        refused++
        break
      default: {
        const exhaustive: never = o
        return exhaustive
      }
    }
  }
  return { items: outcomes.length, applied, skipped, refused }
}
