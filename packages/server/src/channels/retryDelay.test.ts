import { describe, expect, it } from 'vitest'
import { retryAfterMs, retryDelay } from './retryDelay.ts'

describe('retry delays', () => {
  it('double from the first and stop at the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => retryDelay(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ])
  })

  it('read Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2031-01-15T12:00:00Z')
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs('Wed, 15 Jan 2031 12:00:30 GMT', now)).toBe(30_000)
    expect(retryAfterMs('Wed, 15 Jan 2031 11:00:00 GMT', now)).toBe(0)
    expect(retryAfterMs('soon', now)).toBeNull()
    expect(retryAfterMs(undefined, now)).toBeNull()
  })
})
