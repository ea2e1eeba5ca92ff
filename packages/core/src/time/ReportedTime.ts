import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { LocalDate } from '../shifts/zonedTime.ts'
import { offsetMinutes, zonedInstant } from '../shifts/zonedTime.ts'

/** The parts of a day a report may name ("this morning"), by the hour each starts and ends. */
export const partsOfDay = ['night', 'morning', 'afternoon', 'evening'] as const
export type PartOfDay = (typeof partsOfDay)[number]
const partHours: Readonly<Record<PartOfDay, readonly [number, number]>> = {
  night: [0, 6],
  morning: [6, 12],
  afternoon: [12, 18],
  evening: [18, 24],
}

export const timeQualifiers = ['exact', 'approximate', 'part-of-day', 'range', 'defaulted'] as const
export type TimeQualifier = (typeof timeQualifiers)[number]

/**
 * A time as it was reported (decision 015): the instant, the offset (`+02:00`) or IANA zone
 * (`Europe/Brussels`) it was given in (`Z`: given in UTC, local offset unknown), and how sure it
 * is. For a part of the day the instant is the part's start; for a range, its start, with `until`
 * its end; `defaulted`: nobody said, the instant is when it was recorded.
 */
export type ReportedTime = { readonly at: Date; readonly zone: string } & (
  | { readonly qualifier: 'exact' }
  | { readonly qualifier: 'approximate' }
  | { readonly qualifier: 'part-of-day'; readonly part: PartOfDay }
  | { readonly qualifier: 'range'; readonly until: Date }
  | { readonly qualifier: 'defaulted' }
)

export type ReportedTimeProblem =
  | 'not_a_time'
  | 'no_offset'
  | 'unknown_zone'
  | 'offset_mismatch'
  | 'range_ends_before_start'
  | 'outside_part_of_day'

/** The same time as JSON: times as ISO 8601 texts with their offset. */
export type ReportedTimeWire = { readonly at: string; readonly zone?: string } & (
  | { readonly qualifier?: 'exact' | 'approximate' | 'defaulted' }
  | { readonly qualifier: 'part-of-day'; readonly part: PartOfDay }
  | { readonly qualifier: 'range'; readonly until: string }
)

const offsetPattern = /^([+-])(\d{2}):(\d{2})$/
const isoPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:\d{2})$/i

/** The offset of a zone at an instant, in minutes east of UTC; null: not a zone. */
function zoneOffset(zone: string, at: Date): number | null {
  if (zone === 'Z') return 0
  const m = offsetPattern.exec(zone)
  if (m) {
    const [hours, minutes] = [Number(m[2]), Number(m[3])]
    if (hours > 18 || minutes > 59) return null
    return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
  }
  try {
    return offsetMinutes(at, zone)
  } catch {
    return null
  }
}

/** Is this an offset (`+01:00`, `Z`) or a time zone the runtime's zone database knows? */
export function isKnownZone(zone: string): boolean {
  return zoneOffset(zone, new Date(0)) !== null
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** An instant as ISO 8601 in the local time of a zone, with that zone's offset then: `2026-12-02T14:05:00+01:00`. */
export function isoInZone(at: Date, zone: string): string {
  const offset = zoneOffset(zone, at) ?? 0
  const local = new Date(at.getTime() + offset * 60_000).toISOString()
  const text = at.getUTCMilliseconds() === 0 ? local.slice(0, 19) : local.slice(0, 23)
  return zone === 'Z' ? `${text}Z` : `${text}${formatOffset(offset)}`
}

/** An ISO 8601 time with its offset: the instant and the offset as written. */
function parseIso(text: string): Result<{ at: Date; offset: string }, ReportedTimeProblem> {
  const m = isoPattern.exec(text.trim())
  if (!m) return err(/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text.trim()) ? 'no_offset' : 'not_a_time')
  const at = new Date(text.trim())
  if (Number.isNaN(at.getTime())) return err('not_a_time')
  const offset = (m[2] ?? 'Z').toUpperCase()
  if (offset !== 'Z' && zoneOffset(offset, at) === null) return err('not_a_time')
  return ok({ at, offset })
}

/** The zone a time was given in must agree with the offset it was written with. */
function inZone(at: Date, offset: string, zone: string | undefined): Result<string, ReportedTimeProblem> {
  if (zone === undefined || zone === offset) return ok(offset)
  const zoned = zoneOffset(zone, at)
  if (zoned === null) return err('unknown_zone')
  if (offset !== 'Z' && zoned !== zoneOffset(offset, at)) return err('offset_mismatch')
  return ok(zone)
}

function checked(time: ReportedTime): Result<ReportedTime, ReportedTimeProblem> {
  if (time.qualifier === 'range' && time.until.getTime() < time.at.getTime())
    return err('range_ends_before_start')
  if (time.qualifier === 'part-of-day') {
    const [from, to] = partHours[time.part]
    const hour = new Date(time.at.getTime() + (zoneOffset(time.zone, time.at) ?? 0) * 60_000).getUTCHours()
    if (hour < from || hour >= to) return err('outside_part_of_day')
  }
  return ok(time)
}

/** A reported time from its JSON form (what the API accepts). */
export function reportedTimeFromWire(wire: ReportedTimeWire): Result<ReportedTime, ReportedTimeProblem> {
  const start = parseIso(wire.at)
  if (!start.ok) return start
  const zone = inZone(start.value.at, start.value.offset, wire.zone)
  if (!zone.ok) return zone
  const base = { at: start.value.at, zone: zone.value }
  switch (wire.qualifier) {
    case undefined:
    case 'exact':
    case 'approximate':
    case 'defaulted':
      return checked({ ...base, qualifier: wire.qualifier ?? 'exact' })
    case 'part-of-day':
      return checked({ ...base, qualifier: 'part-of-day', part: wire.part })
    case 'range': {
      const end = parseIso(wire.until)
      if (!end.ok) return end
      return checked({ ...base, qualifier: 'range', until: end.value.at })
    }
    default: {
      const never: never = wire
      return never
    }
  }
}

/** The JSON form of a reported time: its times in the local time of the zone it was given in. */
export function reportedTimeToWire(time: ReportedTime): ReportedTimeWire {
  const at = isoInZone(time.at, time.zone)
  switch (time.qualifier) {
    case 'exact':
    case 'approximate':
    case 'defaulted':
      return { at, zone: time.zone, qualifier: time.qualifier }
    case 'part-of-day':
      return { at, zone: time.zone, qualifier: 'part-of-day', part: time.part }
    case 'range':
      return { at, zone: time.zone, qualifier: 'range', until: isoInZone(time.until, time.zone) }
    default: {
      const never: never = time
      return never
    }
  }
}

/** A plain instant, as exact, given in this zone. */
export function exactTime(at: Date, zone: string): ReportedTime {
  return { at, zone, qualifier: 'exact' }
}

/** "In the morning of 2 December", in a zone: the part's start. */
export function partOfDayTime(date: LocalDate, part: PartOfDay, zone: string): ReportedTime {
  const time = { hour: partHours[part][0], minute: 0 }
  const fixed = zone === 'Z' ? 0 : offsetPattern.test(zone) ? zoneOffset(zone, new Date(0)) : null
  const at =
    fixed === null
      ? zonedInstant(date, time, zone)
      : new Date(Date.UTC(date.year, date.month - 1, date.day, time.hour) - fixed * 60_000)
  return { at, zone, qualifier: 'part-of-day', part }
}

/**
 * The text form (what a log line or an export shows): ISO 8601 in the local time of its zone,
 * an IANA zone after it in brackets (RFC 9557), then what qualifies it: `~` before it for an
 * approximate time, `/` and the end for a range (ISO 8601 interval), ` morning` (or another part
 * of the day), ` defaulted`. `parseReportedTime` reads it back.
 */
export function formatReportedTime(time: ReportedTime): string {
  const named = offsetPattern.test(time.zone) || time.zone === 'Z' ? '' : `[${time.zone}]`
  const at = `${isoInZone(time.at, time.zone)}${named}`
  switch (time.qualifier) {
    case 'exact':
      return at
    case 'approximate':
      return `~${at}`
    case 'part-of-day':
      return `${at} ${time.part}`
    case 'range':
      return `${at}/${isoInZone(time.until, time.zone)}`
    case 'defaulted':
      return `${at} defaulted`
    default: {
      const never: never = time
      return never
    }
  }
}

const textPattern =
  /^(~)?([^[\s/]+)(?:\[([^\]]+)\])?(?:\/(\S+)|\s+(night|morning|afternoon|evening|defaulted))?$/

/**
 * A reported time from its text form (`formatReportedTime`); a plain ISO 8601 time with an
 * offset is exact. A time without an offset is refused (`no_offset`): its instant is unknown.
 */
export function parseReportedTime(text: string): Result<ReportedTime, ReportedTimeProblem> {
  const m = textPattern.exec(text.trim())
  if (!m) return err('not_a_time')
  const [, approx, at, zone, until, word] = m
  if (at === undefined) return err('not_a_time')
  if (approx && (until !== undefined || word !== undefined)) return err('not_a_time')
  const base = { at, ...(zone === undefined ? {} : { zone }) }
  if (until !== undefined) return reportedTimeFromWire({ ...base, qualifier: 'range', until })
  if (approx) return reportedTimeFromWire({ ...base, qualifier: 'approximate' })
  if (word === 'defaulted') return reportedTimeFromWire({ ...base, qualifier: 'defaulted' })
  if (word !== undefined)
    return reportedTimeFromWire({ ...base, qualifier: 'part-of-day', part: word as PartOfDay })
  return reportedTimeFromWire(base)
}
