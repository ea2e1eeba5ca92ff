import { LiaisonError } from '@liaison/core'
import type { ClaimOptions, NewJob } from './Queue.ts'

export const defaultMaxAttempts = 5
export const maxAttemptsLimit = 100
const topicPattern = /^[a-z0-9_-]{1,64}$/

/** Refuses a topic that is not a short lower-case name (it becomes part of stream subjects). */
export function checkTopic(topic: string): void {
  if (!topicPattern.test(topic))
    throw new LiaisonError('validation_failed', `topic '${topic}' must be 1-64 of a-z, 0-9, - and _`, {
      field: 'topic',
    })
}

/** Checks a job at the edge and fills in its defaults. */
export function checkJob(job: NewJob): NewJob & { readonly maxAttempts: number } {
  checkTopic(job.topic)
  const maxAttempts = job.maxAttempts ?? defaultMaxAttempts
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > maxAttemptsLimit)
    throw new LiaisonError(
      'validation_failed',
      `maxAttempts must be a whole number from 1 to ${maxAttemptsLimit}`,
      {
        field: 'maxAttempts',
      },
    )
  if (job.orderingKey !== undefined && (job.orderingKey.length < 1 || job.orderingKey.length > 200))
    throw new LiaisonError('validation_failed', 'orderingKey must be 1 to 200 characters', {
      field: 'orderingKey',
    })
  if (job.payload === undefined)
    throw new LiaisonError('validation_failed', 'payload must be a JSON value', { field: 'payload' })
  return { ...job, maxAttempts }
}

export function checkClaim(options: ClaimOptions): void {
  checkTopic(options.topic)
  if (!Number.isInteger(options.max) || options.max < 1 || options.max > 1000)
    throw new LiaisonError('validation_failed', 'max must be a whole number from 1 to 1000', { field: 'max' })
  if (!Number.isInteger(options.leaseMs) || options.leaseMs < 100 || options.leaseMs > 86_400_000)
    throw new LiaisonError('validation_failed', 'leaseMs must be from 100 ms to a day', { field: 'leaseMs' })
}

/** Back-off before the next attempt: 1 s doubling per attempt, at most 5 minutes. */
export function retryDelayMs(attempts: number, baseMs = 1_000, capMs = 300_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1))
}
