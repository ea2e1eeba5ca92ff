import { describe, expect, it } from 'vitest'
import { isSafeDate, isSafeDateTime } from './safeDates.ts'

describe('safe dates', () => {
  it.each([
    ['2026-06-30T23:59:59Z', true],
    ['2026-11-29T10:00:00.123+01:00', true],
    ['0001-01-01T00:00:00Z', true],
    ['9999-12-31T23:59:59Z', true],
    ['2026-06-30T23:59:60Z', false],
    ['0000-01-01T00:00:00Z', false],
    ['0001-01-01T00:00:00+01:00', false],
    ['2026-02-30T10:00:00Z', false],
    ['2026-11-29', false],
    ['tomorrow', false],
  ])('date-time %s: %s', (value, ok) => {
    expect(isSafeDateTime(value)).toBe(ok)
  })

  it.each([
    ['2028-02-29', true],
    ['0001-01-01', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['0000-01-01', false],
    ['2026-1-1', false],
  ])('date %s: %s', (value, ok) => {
    expect(isSafeDate(value)).toBe(ok)
  })
})
