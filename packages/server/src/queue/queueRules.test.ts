import { describe, expect, it } from 'vitest'
import { LiaisonError } from '@liaison/core'
import { partitionOf } from './natsQueue.ts'
import { checkClaim, checkJob, retryDelayMs } from './queueRules.ts'

function fieldOf(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    if (error instanceof LiaisonError && error.code === 'validation_failed')
      return (error.details as { field: string }).field
    throw error
  }
  return null
}

describe('queue rules', () => {
  it.each([
    [{ topic: 'Echo', payload: 1 }, 'topic'],
    [{ topic: 'a.b', payload: 1 }, 'topic'],
    [{ topic: '', payload: 1 }, 'topic'],
    [{ topic: 'x'.repeat(65), payload: 1 }, 'topic'],
    [{ topic: 'echo', payload: 1, maxAttempts: 0 }, 'maxAttempts'],
    [{ topic: 'echo', payload: 1, maxAttempts: 101 }, 'maxAttempts'],
    [{ topic: 'echo', payload: 1, maxAttempts: 1.5 }, 'maxAttempts'],
    [{ topic: 'echo', payload: 1, orderingKey: '' }, 'orderingKey'],
    [{ topic: 'echo', payload: undefined }, 'payload'],
    [{ topic: 'dispatch-sms_2', payload: null, maxAttempts: 100 }, null],
  ])('checks a job %j: %s', (job, field) => {
    expect(fieldOf(() => checkJob(job))).toBe(field)
  })

  it('gives a job five attempts unless it says otherwise', () => {
    expect(checkJob({ topic: 'echo', payload: 1 }).maxAttempts).toBe(5)
    expect(checkJob({ topic: 'echo', payload: 1, maxAttempts: 2 }).maxAttempts).toBe(2)
  })

  it.each([
    [{ topic: 'echo', max: 0, leaseMs: 1_000, workerId: 'w' }, 'max'],
    [{ topic: 'echo', max: 1001, leaseMs: 1_000, workerId: 'w' }, 'max'],
    [{ topic: 'echo', max: 1, leaseMs: 99, workerId: 'w' }, 'leaseMs'],
    [{ topic: 'echo', max: 1, leaseMs: 86_400_001, workerId: 'w' }, 'leaseMs'],
    [{ topic: 'echo', max: 1000, leaseMs: 100, workerId: 'w' }, null],
  ])('checks a claim %j: %s', (claim, field) => {
    expect(fieldOf(() => checkClaim(claim))).toBe(field)
  })

  it('backs off 1 s doubling per attempt, at most 5 minutes', () => {
    expect([1, 2, 3, 4, 9, 10, 50].map((n) => retryDelayMs(n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000,
    ])
  })

  it('puts a key in a stable partition, in range, and spreads keys over them', () => {
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 400; i++) {
      const p = partitionOf(`recipient-${i}`, 4)
      expect(p).toBe(partitionOf(`recipient-${i}`, 4))
      counts[p]!++
    }
    expect(counts.every((c) => c > 50)).toBe(true)
  })
})
