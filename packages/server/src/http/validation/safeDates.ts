import { fullFormats } from 'ajv-formats/dist/formats.js'

/** ajv-formats gives some formats as a function, others with a `compare` beside `validate`. */
const check = (format: unknown) =>
  (typeof format === 'function' ? format : (format as { validate: unknown }).validate) as (
    value: string,
  ) => boolean
const rfc3339DateTime = check(fullFormats['date-time'])
const rfc3339Date = check(fullFormats.date)
/** What both store engines and `Date` represent: years 1 to 9999. */
const earliest = Date.parse('0001-01-01T00:00:00Z')
const latest = Date.parse('9999-12-31T23:59:59.999Z')

/**
 * An RFC 3339 date-time that names one instant between the years 1 and 9999. RFC 3339 allows a
 * leap second (second 60) and year 0; JavaScript's `Date` cannot hold the first and PostgreSQL
 * refuses the second, so both are refused here rather than failing later.
 */
export function isSafeDateTime(value: string): boolean {
  if (!rfc3339DateTime(value)) return false
  const second = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:(\d{2})/.exec(value)?.[1]
  if (second === undefined || second === '60') return false
  const at = Date.parse(value)
  return !Number.isNaN(at) && at >= earliest && at <= latest
}

/** An RFC 3339 full date (a day that exists) in the years 1 to 9999. */
export function isSafeDate(value: string): boolean {
  return rfc3339Date(value) && !value.startsWith('0000')
}
