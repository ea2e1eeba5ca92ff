import { describe, expect, it } from 'vitest'
import { addDays, brusselsDate } from './brusselsDates.ts'

describe('Brussels dates', () => {
  it('gives the Brussels date of a point in time', () => {
    expect(brusselsDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29')
    expect(brusselsDate(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25')
  })
  it('moves a local date by days, across months and DST changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29')
    expect(addDays('2026-03-29', 7)).toBe('2026-04-05')
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
  })
})
