import { describe, expect, it } from 'vitest'
import { handoverStart, shiftHandedOver } from './handoverPeriod.ts'
import type { Rotation } from './roster.ts'

const rotation: Rotation = {
  timeZone: 'Europe/Brussels',
  startDate: { year: 2026, month: 10, day: 1 },
  shiftStarts: [
    { hour: 7, minute: 0 },
    { hour: 19, minute: 0 },
  ],
  members: ['anna', 'bart'],
}
const at = (iso: string) => new Date(iso)

describe('the shift a handover hands over', () => {
  it('is the shift under way late in it', () => {
    const shift = shiftHandedOver(rotation, [], at('2026-10-24T16:40:00Z'))
    expect(shift?.start.toISOString()).toBe('2026-10-24T05:00:00.000Z')
  })

  it('is the shift that just ended in the first hour of the next one', () => {
    const shift = shiftHandedOver(rotation, [], at('2026-10-24T17:30:00Z'))
    expect(shift?.start.toISOString()).toBe('2026-10-24T05:00:00.000Z')
    expect(shift?.end.toISOString()).toBe('2026-10-24T17:00:00.000Z')
    expect(shiftHandedOver(rotation, [], at('2026-10-24T18:00:00Z'))?.start.toISOString()).toBe(
      '2026-10-24T17:00:00.000Z',
    )
  })

  it('is the 13-hour night when the clocks go back', () => {
    const shift = shiftHandedOver(rotation, [], at('2026-10-25T06:20:00Z'))
    expect(shift?.start.toISOString()).toBe('2026-10-24T17:00:00.000Z')
    expect(shift?.end.toISOString()).toBe('2026-10-25T06:00:00.000Z')
  })

  it('follows an override: the person who actually worked the shift', () => {
    const shift = shiftHandedOver(
      rotation,
      [{ shiftStart: at('2026-10-24T05:00:00Z'), userId: 'chloe' }],
      at('2026-10-24T16:00:00Z'),
    )
    expect(shift?.userId).toBe('chloe')
  })
})

describe('where a handover period starts', () => {
  const shift = {
    start: at('2026-10-24T05:00:00Z'),
    end: at('2026-10-24T17:00:00Z'),
    userId: 'anna',
    replaces: null,
  }
  const now = at('2026-10-24T16:50:00Z')

  it('at the start of the shift', () => {
    expect(handoverStart(now, shift, null).toISOString()).toBe('2026-10-24T05:00:00.000Z')
    expect(handoverStart(now, shift, at('2026-10-24T09:00:00Z')).toISOString()).toBe(
      '2026-10-24T05:00:00.000Z',
    )
  })

  it('earlier, at the previous handover, when the last change had none; at most a day before', () => {
    expect(handoverStart(now, shift, at('2026-10-23T16:55:00Z')).toISOString()).toBe(
      '2026-10-23T16:55:00.000Z',
    )
    expect(handoverStart(now, shift, at('2026-10-20T05:00:00Z')).toISOString()).toBe(
      '2026-10-23T05:00:00.000Z',
    )
  })

  it('without a roster: since the previous handover, or the last 12 hours', () => {
    expect(handoverStart(now, null, at('2026-10-24T10:00:00Z')).toISOString()).toBe(
      '2026-10-24T10:00:00.000Z',
    )
    expect(handoverStart(now, null, null).toISOString()).toBe('2026-10-24T04:50:00.000Z')
  })
})
