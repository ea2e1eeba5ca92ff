import { describe, expect, it } from 'vitest'
import type { BatchItemOutcome } from './BatchItemOutcome.ts'
import { batchSummary } from './BatchItemOutcome.ts'

describe('batchSummary', () => {
  it('counts each outcome once', () => {
    const outcomes: BatchItemOutcome<string>[] = [
      { id: 'a', outcome: 'applied', value: 'x' },
      { id: 'b', outcome: 'skipped-replay', ref: 'y' },
      { id: 'c', outcome: 'refused', code: 'validation_failed', message: 'text: is empty' },
      { id: 'd', outcome: 'applied', value: 'z' },
      { id: 'a', outcome: 'skipped-replay', ref: null },
    ]
    expect(batchSummary(outcomes)).toEqual({ items: 5, applied: 2, skipped: 2, refused: 1 })
  })

  it('counts an empty batch as nothing', () => {
    expect(batchSummary([])).toEqual({ items: 0, applied: 0, skipped: 0, refused: 0 })
  })
})
