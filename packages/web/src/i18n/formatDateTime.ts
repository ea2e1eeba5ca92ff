const formatters = new Map<string, Intl.DateTimeFormat>()

/** A point in time as the duty desks read it: Brussels time, in the interface's language. */
export function formatDateTime(value: string | Date, language: string): string {
  let formatter = formatters.get(language)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, {
      timeZone: 'Europe/Brussels',
      dateStyle: 'medium',
      timeStyle: 'medium',
    })
    formatters.set(language, formatter)
  }
  const date = typeof value === 'string' ? new Date(value) : value
  return Number.isNaN(date.getTime()) ? String(value) : formatter.format(date)
}
