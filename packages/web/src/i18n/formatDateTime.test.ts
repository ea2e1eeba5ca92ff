import { describe, expect, it } from 'vitest'
import { languages } from './languages.ts'
import { brusselsFormat, dateLocale, formatDateTime } from './formatDateTime.ts'

/** Intl may put narrow or ordinary no-break spaces between the parts; compare with plain spaces. */
const plain = (text: string): string => text.replace(/\s/gu, ' ')

describe('formatDateTime', () => {
  it.each([
    // 13:30 UTC in January is 14:30 in Brussels
    ['en', '2031-01-15T13:30:00.000Z', '15 Jan 2031, 14:30:00'],
    ['fr', '2031-01-15T13:30:00.000Z', '15 janv. 2031, 14:30:00'],
    ['nl', '2031-01-15T13:30:00.000Z', '15 jan 2031, 14:30:00'],
    ['de', '2031-01-15T13:30:00.000Z', '15.01.2031, 14:30:00'],
    // 12:30 UTC in July is 14:30 in Brussels (summer time)
    ['en', '2031-07-01T12:30:00.000Z', '1 Jul 2031, 14:30:00'],
  ])('writes %s dates day first, on a 24-hour clock: %s', (language, iso, expected) => {
    expect(plain(formatDateTime(iso, language))).toBe(expected)
  })

  it.each(languages)('never writes AM or PM in %s, and midnight is 00', (language) => {
    const afternoon = plain(formatDateTime('2031-01-15T22:45:10.000Z', language)) // 23:45:10 in Brussels
    const midnight = plain(formatDateTime('2031-01-15T23:05:00.000Z', language)) // 00:05:00 the next day
    expect(afternoon).toContain('23:45:10')
    expect(midnight).toContain('00:05:00')
    expect(`${afternoon} ${midnight}`).not.toMatch(/AM|PM|a\.m\.|p\.m\./i)
  })

  it.each(languages)('keeps the 24-hour clock in %s for short times too', (language) => {
    const format = brusselsFormat(language, { dateStyle: 'medium', timeStyle: 'short' })
    expect(format.resolvedOptions().hourCycle).toBe('h23')
    expect(plain(format.format(new Date('2031-01-15T18:00:00.000Z')))).toContain('19:00')
  })

  it('writes English the British way, and the other languages as themselves', () => {
    expect(dateLocale('en')).toBe('en-GB')
    expect(dateLocale('fr')).toBe('fr')
    expect(dateLocale('nl')).toBe('nl')
    expect(dateLocale('de')).toBe('de')
  })

  it('gives back what is not a date as it came', () => {
    expect(formatDateTime('tomorrow', 'en')).toBe('tomorrow')
  })
})
