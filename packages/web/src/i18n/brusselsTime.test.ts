import { describe, expect, it } from 'vitest'
import { fromBrusselsLocal, toBrusselsLocal } from './brusselsTime.ts'

describe('Brussels wall-clock time', () => {
  it('reads summer time as UTC+2', () => {
    expect(fromBrusselsLocal('2026-07-01T14:30')).toBe('2026-07-01T12:30:00.000Z')
    expect(toBrusselsLocal('2026-07-01T12:30:00.000Z')).toBe('2026-07-01T14:30')
  })

  it('reads winter time as UTC+1', () => {
    expect(fromBrusselsLocal('2026-01-15T09:05')).toBe('2026-01-15T08:05:00.000Z')
    expect(toBrusselsLocal('2026-01-15T08:05:00.000Z')).toBe('2026-01-15T09:05')
  })

  it('handles the days the clocks change', () => {
    expect(fromBrusselsLocal('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z')
    expect(fromBrusselsLocal('2026-10-25T12:00')).toBe('2026-10-25T11:00:00.000Z')
  })

  it('refuses what is not a date-time', () => {
    expect(fromBrusselsLocal('')).toBeNull()
    expect(fromBrusselsLocal('tomorrow')).toBeNull()
    expect(toBrusselsLocal(null)).toBe('')
  })
})
