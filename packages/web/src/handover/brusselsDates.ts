const brusselsDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The date (YYYY-MM-DD) of a point in time in Brussels. */
export function brusselsDate(at: Date): string {
  return brusselsDay.format(at)
}

/** A local date (YYYY-MM-DD) moved by a number of days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const moved = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days))
  return moved.toISOString().slice(0, 10)
}
