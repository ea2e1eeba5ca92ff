import { describe, expect, it } from 'vitest'
import { TokenBucket } from './tokenBucket.ts'

describe('TokenBucket', () => {
  it('gives its burst at once, then tokens at its rate', () => {
    let now = 0
    const bucket = new TokenBucket(10, 3, () => now)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
    expect(bucket.waitMs()).toBe(100)
    now = 99
    expect(bucket.take()).toBe(false)
    now = 100
    expect(bucket.take()).toBe(true)
    now = 10_000
    // never more than its burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
  })

  it('a lower rate waits longer; drain empties it', () => {
    let now = 0
    const bucket = new TokenBucket(100, 5, () => now)
    bucket.setRate(2)
    bucket.drain()
    expect(bucket.take()).toBe(false)
    expect(bucket.waitMs()).toBe(500)
    now = 500
    expect(bucket.take()).toBe(true)
    expect(bucket.currentRate).toBe(2)
  })
})
