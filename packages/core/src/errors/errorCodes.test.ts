import { describe, expect, it } from 'vitest'
import { LiaisonError } from './LiaisonError.ts'
import { errorCodes, isErrorCode } from './errorCodes.ts'

describe('error codes', () => {
  it.each(Object.entries(errorCodes))(
    '%s maps to an HTTP error status and a sysexits code',
    (_code, entry) => {
      expect(entry.http).toBeGreaterThanOrEqual(400)
      expect(entry.http).toBeLessThan(600)
      expect(entry.exit).toBeGreaterThanOrEqual(64)
      expect(entry.exit).toBeLessThanOrEqual(78)
    },
  )

  it('writes the one error body, with details only when there are some', () => {
    expect(new LiaisonError('not_found', 'no such case').toBody()).toEqual({
      error: { code: 'not_found', message: 'no such case' },
    })
    const error = new LiaisonError('validation_failed', 'bad', [{ path: 'body/code' }])
    expect(error.toBody().error.details).toEqual([{ path: 'body/code' }])
    expect([error.httpStatus, error.exitCode]).toEqual([400, 65])
  })

  it('knows its own codes only', () => {
    expect(isErrorCode('conflict')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode(404)).toBe(false)
  })
})
