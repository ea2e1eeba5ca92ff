import { describe, expect, it } from 'vitest'
import { coordinate } from './PlaceDraft.ts'

describe('a typed coordinate', () => {
  it('reads decimal degrees with a point or a comma, within the range', () => {
    expect(coordinate(' 50.8503 ', 90)).toBe(50.8503)
    expect(coordinate('4,3517', 180)).toBe(4.3517)
    expect(coordinate('-12', 90)).toBe(-12)
  })

  it('refuses what is not a number or lies beyond the range', () => {
    expect(coordinate('', 90)).toBeNull()
    expect(coordinate('91', 90)).toBeNull()
    expect(coordinate('1e3', 180)).toBeNull()
    expect(coordinate('50°N', 90)).toBeNull()
  })
})
