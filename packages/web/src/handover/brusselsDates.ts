import { addDays as addLocalDays, formatLocalDate, parseLocalDate, wallClock } from '@liaison/core'
import { brusselsZone } from '../i18n/brusselsTime.ts'

/** The date (YYYY-MM-DD) of a point in time in Brussels. */
export function brusselsDate(at: Date): string {
  return formatLocalDate(wallClock(at, brusselsZone))
}

/** A local date (YYYY-MM-DD) moved by a number of days. */
export function addDays(date: string, days: number): string {
  const local = parseLocalDate(date)
  return local ? formatLocalDate(addLocalDays(local, days)) : date
}
