import { describe, expect, it } from 'vitest'
import { LiaisonError, refusalError } from './LiaisonError.ts'
import { errorCodes } from './errorCodes.ts'
import { isRefusalReason, refusalReasonList, refusalReasons } from './refusalReasons.ts'

describe('refusal reasons', () => {
  it.each(refusalReasonList)('%s is answered with a 4xx code of the error table', (reason) => {
    const code = refusalReasons[reason].code
    expect(errorCodes[code].http).toBeGreaterThanOrEqual(400)
    expect(errorCodes[code].http).toBeLessThan(500)
  })

  it('puts the reason in the error body beside the code and the message', () => {
    expect(refusalError('case_closed', 'this case is closed; re-open it first').toBody()).toEqual({
      error: { code: 'conflict', message: 'this case is closed; re-open it first', reason: 'case_closed' },
    })
    const refused = refusalError('not_participant')
    expect([refused.code, refused.reason, refused.httpStatus]).toEqual([
      'other_organisation',
      'not_participant',
      403,
    ])
    expect(refused.message).toBe(refusalReasons.not_participant.summary)
  })

  it('writes no reason for an error that is not a rule refusing', () => {
    expect(new LiaisonError('not_found', 'no such case').toBody().error).not.toHaveProperty('reason')
    expect(new LiaisonError('conflict', 'x', undefined, { reason: 'stale_version' }).reason).toBe(
      'stale_version',
    )
  })

  it('knows its own reasons only', () => {
    expect(isRefusalReason('stale_version')).toBe(true)
    expect(isRefusalReason('toString')).toBe(false)
    expect(isRefusalReason(undefined)).toBe(false)
  })
})
