import type { LocalDate, LocalTime } from './zonedTime.ts'
import { addDays, daysBetween, zonedInstant } from './zonedTime.ts'

/**
 * A rotation of duty officers: shifts start at fixed wall-clock times in the centre's time zone
 * (day 07:00, night 19:00, say), and the members take them in turn. Because shifts are defined
 * in wall-clock time, a night shift lasts 11 hours on the last Sunday of March and 13 on the
 * last Sunday of October in Brussels, and no shift is lost or doubled.
 */
export interface Rotation {
  readonly timeZone: string
  /** The first day of the rotation: its first shift is members[0]'s. */
  readonly startDate: LocalDate
  /** Wall-clock start of each shift of a day, in order, e.g. 07:00 and 19:00. */
  readonly shiftStarts: readonly LocalTime[]
  /** User ids, in the order they take shifts. */
  readonly members: readonly string[]
}

/** One person replaces another for one shift (an override, or half of a swap). */
export interface RosterOverride {
  readonly shiftStart: Date
  readonly userId: string
}

export interface Shift {
  readonly start: Date
  readonly end: Date
  readonly userId: string
  /** The rotation's own assignee, when an override replaced them. */
  readonly replaces: string | null
}

export function rotationProblems(r: Rotation): string[] {
  const p: string[] = []
  if (r.members.length === 0) p.push('members: give at least one person')
  if (r.shiftStarts.length === 0 || r.shiftStarts.length > 6)
    p.push('shiftStarts: give 1 to 6 start times a day')
  const minutes = r.shiftStarts.map((t) => t.hour * 60 + t.minute)
  if (minutes.some((m, i) => i > 0 && m <= minutes[i - 1]!))
    p.push('shiftStarts: must be in increasing order within the day')
  try {
    new Intl.DateTimeFormat('en', { timeZone: r.timeZone })
  } catch {
    p.push(`timeZone: '${r.timeZone}' is not a time zone`)
  }
  return p
}

/** The shifts starting on the local dates from `from` to `to` inclusive, with overrides applied. */
export function shiftsBetween(
  r: Rotation,
  from: LocalDate,
  to: LocalDate,
  overrides: readonly RosterOverride[] = [],
): Shift[] {
  const byStart = new Map(overrides.map((o) => [o.shiftStart.getTime(), o.userId]))
  const perDay = r.shiftStarts.length
  const shifts: Shift[] = []
  const days = daysBetween(from, to)
  for (let d = 0; d <= days + 1; d++) {
    const date = addDays(from, d)
    const dayIndex = daysBetween(r.startDate, date)
    r.shiftStarts.forEach((time, i) => {
      const start = zonedInstant(date, time, r.timeZone)
      const index = dayIndex * perDay + i
      const own = r.members[((index % r.members.length) + r.members.length) % r.members.length]!
      const override = byStart.get(start.getTime())
      shifts.push({
        start,
        end: start,
        userId: override ?? own,
        replaces: override && override !== own ? own : null,
      })
    })
  }
  // each shift ends when the next begins; the extra day computed above gives the last its end
  const joined = shifts.map((s, i) => ({ ...s, end: shifts[i + 1]?.start ?? s.start }))
  return joined.slice(0, (days + 1) * perDay)
}

/** The shift in progress at an instant, if the rotation covers it. */
export function shiftAt(r: Rotation, at: Date, overrides: readonly RosterOverride[] = []): Shift | null {
  const around = new Date(at.getTime() - 36 * 3_600_000)
  const w = new Intl.DateTimeFormat('en-CA', {
    timeZone: r.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(around)
  const [y, m, d] = w.split('-').map(Number)
  const from = { year: y!, month: m!, day: d! }
  return shiftsBetween(r, from, addDays(from, 3), overrides).find((s) => s.start <= at && at < s.end) ?? null
}
