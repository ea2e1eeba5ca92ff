/** A calendar date in a time zone: no instant, no offset. */
export interface LocalDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** A wall-clock time: hours 0-23, minutes 0-59. */
export interface LocalTime {
  readonly hour: number
  readonly minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The wall-clock reading of an instant in a time zone. */
export function wallClock(instant: Date, timeZone: string): LocalDate & LocalTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
  }
}

/** Minutes the zone is ahead of UTC at an instant (Brussels: 60 in winter, 120 in summer). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000)
}

/**
 * The instant at which a zone's clocks show a date and time. A time that does not exist (the
 * hour skipped in spring) is moved forward by the gap; a time that happens twice (the hour
 * repeated in autumn) is the first of the two.
 */
export function zonedInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute)
  // the offsets just before and after the moment are the only candidates
  const before = offsetMinutes(new Date(naive - 14 * 3_600_000), timeZone)
  const after = offsetMinutes(new Date(naive + 14 * 3_600_000), timeZone)
  const candidates = [...new Set([before, after])]
    .map((offset) => new Date(naive - offset * 60_000))
    .filter((instant) => {
      const w = wallClock(instant, timeZone)
      return w.hour === time.hour && w.minute === time.minute && w.day === date.day
    })
    .sort((a, b) => a.getTime() - b.getTime())
  if (candidates[0]) return candidates[0]
  // skipped by a spring-forward: the same wall time read with the earlier offset lands after the gap
  return new Date(naive - before * 60_000)
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000,
  )
}

export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  const check = addDays(date, 0)
  return check.year === date.year && check.month === date.month && check.day === date.day ? date : null
}

export function parseLocalTime(text: string): LocalTime | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text)
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null
}

export function formatLocalDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
}
