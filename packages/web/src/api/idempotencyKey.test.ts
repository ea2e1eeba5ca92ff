import { describe, expect, it } from 'vitest'
import { idempotencyKey } from './idempotencyKey.ts'

describe('idempotencyKey', () => {
  it('is a version 4 UUID, different each time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => idempotencyKey()))
    expect(keys.size).toBe(100)
    for (const key of keys)
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('is made from the random bytes it is given', () => {
    expect(idempotencyKey((b) => b.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    expect(idempotencyKey((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000')
  })
})
