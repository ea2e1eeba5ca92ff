import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ReportedTime } from './ReportedTime.ts'
import {
  formatReportedTime,
  isoInZone,
  isKnownZone,
  parseReportedTime,
  partOfDayTime,
  partsOfDay,
  reportedTimeFromWire,
  reportedTimeToWire,
} from './ReportedTime.ts'

describe('parseReportedTime', () => {
  it('takes a plain ISO time with an offset as exact, in that offset', () => {
    expect(parseReportedTime('2026-12-02T14:05:00+01:00')).toEqual({
      ok: true,
      value: { at: new Date('2026-12-02T13:05:00Z'), zone: '+01:00', qualifier: 'exact' },
    })
    expect(parseReportedTime('2026-12-02T13:05:00.250Z')).toEqual({
      ok: true,
      value: { at: new Date('2026-12-02T13:05:00.250Z'), zone: 'Z', qualifier: 'exact' },
    })
  })

  it.each([
    ['~2026-12-02T14:05:00+01:00', { qualifier: 'approximate', zone: '+01:00' }],
    ['2026-12-02T14:05:00+01:00[Europe/Brussels]', { qualifier: 'exact', zone: 'Europe/Brussels' }],
    ['2026-12-02T06:00:00+01:00[Europe/Brussels] morning', { qualifier: 'part-of-day', part: 'morning' }],
    [
      '2026-12-02T14:05:00+01:00/2026-12-02T15:00:00+01:00',
      { qualifier: 'range', until: new Date('2026-12-02T14:00:00Z') },
    ],
    ['2026-12-02T14:05:00+01:00 defaulted', { qualifier: 'defaulted' }],
  ])('%s', (text, expected) => {
    const parsed = parseReportedTime(text)
    expect(parsed.ok && parsed.value).toMatchObject(expected)
  })

  it.each([
    ['2026-12-02T14:05:00', 'no_offset'],
    ['yesterday', 'not_a_time'],
    ['2026-13-45T14:05:00+01:00', 'not_a_time'],
    ['2026-12-02T14:05:00+01:00[Mars/Olympus]', 'unknown_zone'],
    ['2026-07-02T14:05:00+01:00[Europe/Brussels]', 'offset_mismatch'],
    ['2026-12-02T14:05:00+01:00/2026-12-02T13:00:00+01:00', 'range_ends_before_start'],
    ['2026-12-02T14:05:00+01:00 morning', 'outside_part_of_day'],
    ['~2026-12-02T14:05:00+01:00 morning', 'not_a_time'],
  ])('refuses %s: %s', (text, problem) => {
    expect(parseReportedTime(text)).toEqual({ ok: false, error: problem })
  })
})

describe('the wire form', () => {
  it('keeps the local time and the zone it was given in', () => {
    const summer = reportedTimeFromWire({ at: '2026-07-02T14:05:00+02:00', zone: 'Europe/Brussels' })
    expect(summer.ok && reportedTimeToWire(summer.value)).toEqual({
      at: '2026-07-02T14:05:00+02:00',
      zone: 'Europe/Brussels',
      qualifier: 'exact',
    })
    expect(isoInZone(new Date('2026-12-02T13:05:00Z'), 'Europe/Luxembourg')).toBe('2026-12-02T14:05:00+01:00')
    expect(isoInZone(new Date('2026-12-02T13:05:00Z'), '-03:30')).toBe('2026-12-02T09:35:00-03:30')
  })

  it('a part of the day starts where the zone says, also across a DST change', () => {
    expect(partOfDayTime({ year: 2026, month: 3, day: 29 }, 'afternoon', 'Europe/Brussels').at).toEqual(
      new Date('2026-03-29T10:00:00Z'),
    )
    expect(partOfDayTime({ year: 2026, month: 3, day: 29 }, 'night', '+05:30').at).toEqual(
      new Date('2026-03-28T18:30:00Z'),
    )
  })

  it('knows offsets and the zone database', () => {
    expect(isKnownZone('Europe/Amsterdam')).toBe(true)
    expect(isKnownZone('+14:00')).toBe(true)
    expect(isKnownZone('+25:00')).toBe(false)
    expect(isKnownZone('Nowhere/Town')).toBe(false)
  })
})

describe('round trips', () => {
  const zone = fc.constantFrom(
    'Z',
    '+01:00',
    '-03:30',
    '+05:45',
    'Europe/Brussels',
    'America/St_Johns',
    'Asia/Kolkata',
  )
  const instant = fc
    .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
    .map((ms) => new Date(ms))
  const time: fc.Arbitrary<ReportedTime> = fc.oneof(
    fc.record({
      at: instant,
      zone,
      qualifier: fc.constantFrom('exact' as const, 'approximate' as const, 'defaulted' as const),
    }),
    fc.tuple(instant, zone, fc.integer({ min: 0, max: 86_400_000 * 3 })).map(([at, z, length]) => ({
      at,
      zone: z,
      qualifier: 'range' as const,
      until: new Date(at.getTime() + length),
    })),
    fc
      .tuple(
        fc.record({
          year: fc.integer({ min: 1990, max: 2059 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
        }),
        fc.constantFrom(...partsOfDay),
        zone,
      )
      .map(([date, part, z]) => partOfDayTime(date, part, z)),
  )

  it('the text form reads back as the same time', () => {
    fc.assert(
      fc.property(time, (t) => {
        expect(parseReportedTime(formatReportedTime(t))).toEqual({ ok: true, value: t })
      }),
    )
  })

  it('the wire form, through JSON, reads back as the same time', () => {
    fc.assert(
      fc.property(time, (t) => {
        const wire: unknown = JSON.parse(JSON.stringify(reportedTimeToWire(t)))
        expect(reportedTimeFromWire(wire as Parameters<typeof reportedTimeFromWire>[0])).toEqual({
          ok: true,
          value: t,
        })
      }),
    )
  })
})
