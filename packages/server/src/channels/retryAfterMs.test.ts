import { describe, expect, it } from 'vitest'
import { retryAfterMs } from './retryAfterMs.ts'

describe('retryAfterMs', () => {
  it('read Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2031-01-15T12:00:00Z')
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs('Wed, 15 Jan 2031 12:00:30 GMT', now)).toBe(30_000)
    expect(retryAfterMs('Wed, 15 Jan 2031 11:00:00 GMT', now)).toBe(0)
    expect(retryAfterMs('soon', now)).toBeNull()
    expect(retryAfterMs(undefined, now)).toBeNull()
  })
})
