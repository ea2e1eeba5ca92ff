import { formatLocalDate, parseLocalDate, parseLocalTime, wallClock, zonedInstant } from '@liaison/core'

/** The time zone the duty desk reads and writes wall-clock times in. */
export const brusselsZone = 'Europe/Brussels'

/**
 * A `datetime-local` value (`2026-07-01T14:30`) read as Europe/Brussels wall-clock time, as an ISO
 * instant; null when empty or not a date-time. Core's `zonedInstant` does the reading: an hour the
 * clocks skip moves forward by the gap, an hour they repeat is its first time.
 */
export function fromBrusselsLocal(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (!match) return null
  const [, dateText = '', timeText = '', seconds] = match
  const date = parseLocalDate(dateText)
  const time = parseLocalTime(timeText)
  if (!date || !time) return null
  return new Date(
    zonedInstant(date, time, brusselsZone).getTime() + Number(seconds ?? 0) * 1000,
  ).toISOString()
}

/** The `datetime-local` value showing an ISO instant in Brussels time ('' when none). */
export function toBrusselsLocal(iso: string | null | undefined): string {
  if (!iso) return ''
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return ''
  const w = wallClock(instant, brusselsZone)
  return `${formatLocalDate(w)}T${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`
}
