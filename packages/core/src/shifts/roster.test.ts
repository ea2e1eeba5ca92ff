import { describe, expect, it } from 'vitest'
import type { Rotation } from './roster.ts'
import { rotationProblems, shiftAt, shiftsBetween } from './roster.ts'
import { offsetMinutes, zonedInstant } from './zonedTime.ts'

const tz = 'Europe/Brussels'
const rotation: Rotation = {
  timeZone: tz,
  startDate: { year: 2026, month: 3, day: 1 },
  shiftStarts: [
    { hour: 7, minute: 0 },
    { hour: 19, minute: 0 },
  ],
  members: ['anna', 'bart', 'chloe', 'dirk'],
}
const hours = (s: { start: Date; end: Date }) => (s.end.getTime() - s.start.getTime()) / 3_600_000

describe('zoned time in Brussels', () => {
  it('knows winter and summer time', () => {
    expect(offsetMinutes(new Date('2026-01-15T12:00:00Z'), tz)).toBe(60)
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), tz)).toBe(120)
  })

  it.each([
    [
      'a winter morning',
      { year: 2026, month: 1, day: 15 },
      { hour: 7, minute: 0 },
      '2026-01-15T06:00:00.000Z',
    ],
    [
      'a summer evening',
      { year: 2026, month: 7, day: 15 },
      { hour: 19, minute: 0 },
      '2026-07-15T17:00:00.000Z',
    ],
    [
      '02:30 on 29 March, which does not exist: moved past the gap',
      { year: 2026, month: 3, day: 29 },
      { hour: 2, minute: 30 },
      '2026-03-29T01:30:00.000Z',
    ],
    [
      '02:30 on 25 October, which happens twice: the first',
      { year: 2026, month: 10, day: 25 },
      { hour: 2, minute: 30 },
      '2026-10-25T00:30:00.000Z',
    ],
  ])('reads %s', (_what, date, time, iso) => {
    expect(zonedInstant(date, time, tz).toISOString()).toBe(iso)
  })
})

describe('the duty roster across daylight-saving changes', () => {
  it('gives the night of the last Sunday of March 11 hours and keeps the rotation', () => {
    const shifts = shiftsBetween(
      rotation,
      { year: 2026, month: 3, day: 28 },
      { year: 2026, month: 3, day: 29 },
    )
    expect(shifts.map((s) => [s.start.toISOString(), hours(s), s.userId])).toEqual([
      ['2026-03-28T06:00:00.000Z', 12, 'chloe'],
      ['2026-03-28T18:00:00.000Z', 11, 'dirk'],
      ['2026-03-29T05:00:00.000Z', 12, 'anna'],
      ['2026-03-29T17:00:00.000Z', 12, 'bart'],
    ])
  })

  it('gives the night of the last Sunday of October 13 hours', () => {
    const shifts = shiftsBetween(
      rotation,
      { year: 2026, month: 10, day: 24 },
      { year: 2026, month: 10, day: 25 },
    )
    expect(shifts.map(hours)).toEqual([12, 13, 12, 12])
    expect(shifts[1]!.start.toISOString()).toBe('2026-10-24T17:00:00.000Z')
    expect(shifts[2]!.start.toISOString()).toBe('2026-10-25T06:00:00.000Z')
  })

  it('leaves no gap and no overlap over a whole year', () => {
    const shifts = shiftsBetween(
      rotation,
      { year: 2026, month: 1, day: 1 },
      { year: 2026, month: 12, day: 31 },
    )
    expect(shifts).toHaveLength(365 * 2)
    shifts.forEach((s, i) => {
      if (i > 0) expect(s.start.getTime()).toBe(shifts[i - 1]!.end.getTime())
      expect([11, 12, 13]).toContain(hours(s))
      if (i > 0) {
        const previous = rotation.members.indexOf(shifts[i - 1]!.userId)
        expect(s.userId).toBe(rotation.members[(previous + 1) % rotation.members.length])
      }
    })
    expect(shifts.filter((s) => hours(s) !== 12).map(hours)).toEqual([11, 13])
  })

  it('applies an override and says whom it replaces; finds the shift in progress', () => {
    const start = new Date('2026-03-28T18:00:00.000Z')
    const [, night] = shiftsBetween(
      rotation,
      { year: 2026, month: 3, day: 28 },
      { year: 2026, month: 3, day: 28 },
      [{ shiftStart: start, userId: 'anna' }],
    )
    expect(night).toMatchObject({ userId: 'anna', replaces: 'dirk' })
    expect(shiftAt(rotation, new Date('2026-03-29T03:30:00Z'))).toMatchObject({ userId: 'dirk', start })
  })

  it('refuses a rotation it cannot follow', () => {
    expect(
      rotationProblems({
        ...rotation,
        members: [],
        timeZone: 'Mars/Olympus',
        shiftStarts: [
          { hour: 19, minute: 0 },
          { hour: 7, minute: 0 },
        ],
      }),
    ).toEqual([
      'members: give at least one person',
      'shiftStarts: must be in increasing order within the day',
      "timeZone: 'Mars/Olympus' is not a time zone",
    ])
  })
})
