import { describe, expect, it } from 'vitest'
import { retryDelayMs } from './retryDelayMs.ts'

describe('retryDelayMs', () => {
  const limits = { firstMs: 200, maxMs: 60_000 }
  it.each([
    [1, 200],
    [2, 400],
    [3, 800],
    [9, 51_200],
    [10, 60_000],
    [1_000, 60_000],
  ])('waits after failure %i: %i ms', (failures, ms) => {
    expect(retryDelayMs(failures, limits)).toBe(ms)
  })
})
