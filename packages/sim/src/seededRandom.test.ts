import { describe, expect, it } from 'vitest'
import { seededRandom } from './seededRandom.ts'

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds, within [0, 1)', () => {
    const a = Array.from({ length: 100 }, seededRandom(42))
    expect(Array.from({ length: 100 }, seededRandom(42))).toEqual(a)
    expect(Array.from({ length: 100 }, seededRandom(43))).not.toEqual(a)
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(a).size).toBe(100)
  })
})
