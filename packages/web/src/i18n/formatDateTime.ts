import { brusselsZone } from './brusselsTime.ts'

/**
 * The locale that writes dates for an interface language. English is written the British way
 * (day, month, year; 24-hour clock): duty desks in Europe read 24-hour times, and `en` alone
 * would give the American `Jan 15, 2031, 2:30:00 PM`.
 */
export function dateLocale(language: string): string {
  return language === 'en' ? 'en-GB' : language
}

/**
 * A formatter in Brussels time for an interface language, always on a 24-hour clock
 * (`hourCycle: 'h23'`, so midnight is 00:00 whatever the locale's habit).
 */
export function brusselsFormat(
  language: string,
  options: Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle'>,
): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(dateLocale(language), {
    timeZone: brusselsZone,
    ...options,
    ...(options.timeStyle ? { hourCycle: 'h23' } : {}),
  })
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** A point in time as the duty desks read it: Brussels time, in the interface's language, 24-hour. */
export function formatDateTime(value: string | Date, language: string): string {
  let formatter = formatters.get(language)
  if (!formatter) {
    formatter = brusselsFormat(language, { dateStyle: 'medium', timeStyle: 'medium' })
    formatters.set(language, formatter)
  }
  const date = typeof value === 'string' ? new Date(value) : value
  return Number.isNaN(date.getTime()) ? String(value) : formatter.format(date)
}
