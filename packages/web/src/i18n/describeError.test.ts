import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/ApiError.ts'
import { describeError } from './describeError.ts'

/** A stand-in for i18next's t: the key and its values, so the test reads which sentence was chosen. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction

describe('describeError', () => {
  it('says how long a computer must wait before signing in again', () => {
    const delayed = new ApiError({
      status: 429,
      code: 'rate_limited',
      message: 'too many failed sign-ins',
      details: { retryAfterSeconds: 20 },
    })
    expect(describeError(delayed, t, 'en')).toBe('signIn.retryIn {"seconds":20}')
  })

  it('falls back to the code when the node says no wait', () => {
    const limited = new ApiError({ status: 429, code: 'rate_limited', message: 'too many requests' })
    expect(describeError(limited, t, 'en')).toBe('errors.rate_limited')
  })
})

describe('describeError for a refusal with a reason', () => {
  it("says the rule's sentence, not the code's", () => {
    const closed = new ApiError({
      status: 409,
      code: 'conflict',
      message: 'this case is closed; re-open it first',
      reason: 'case_closed',
    })
    expect(describeError(closed, t, 'nl')).toBe('reasons.case_closed')
  })

  it('falls back to the code for a reason this page does not know', () => {
    const future = new ApiError({ status: 409, code: 'conflict', message: 'x', reason: 'from_a_newer_node' })
    expect(describeError(future, t, 'fr')).toBe('errors.conflict')
  })
})
