/** One event of an iCalendar feed (RFC 5545). Times are instants; they are written in UTC. */
export interface CalendarEvent {
  readonly uid: string
  readonly start: Date
  readonly end: Date | null
  readonly summary: string
  readonly description: string
  readonly location: string | null
  readonly geo: { readonly lat: number; readonly lon: number } | null
  readonly status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'
  readonly categories: readonly string[]
  readonly updatedAt: Date
}

/** A UTF-16 surrogate without its other half: it has no UTF-8 encoding. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** Line breaks as people type them: CRLF, a bare CR, a bare LF. */
const lineBreak = /\r\n|\r|\n/g
/**
 * Controls that a TEXT value may not hold (RFC 5545 §3.1, CONTROL: every C0 control but HTAB,
 * and DEL), and the C1 controls, which some readers take as line breaks (U+0085).
 */
// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g

/**
 * What a TEXT value can carry of a string: lone surrogates and controls (other than HTAB)
 * become U+FFFD, and every line break becomes LF. `escapeText` writes exactly this.
 */
export function normaliseText(text: string): string {
  return text
    .replace(loneSurrogate, '\uFFFD')
    .replace(lineBreak, '\n')
    .replace(control, (c) => (c === '\n' ? c : '\uFFFD'))
}

/**
 * TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped; CRLF, CR and LF
 * written as `\n`; other controls and lone surrogates replaced by U+FFFD (see `normaliseText`).
 */
export function escapeText(text: string): string {
  return normaliseText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
}

/** Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0)
    const limit = parts.length === 0 ? 75 : 74
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

export function formatUtc(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** A whole VCALENDAR, CRLF line endings, folded. */
export function writeCalendar(options: {
  readonly name: string
  readonly productId: string
  readonly events: readonly CalendarEvent[]
  readonly generatedAt: Date
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    'X-WR-TIMEZONE:Europe/Brussels',
  ]
  for (const e of options.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${formatUtc(options.generatedAt)}`,
      `LAST-MODIFIED:${formatUtc(e.updatedAt)}`,
      `DTSTART:${formatUtc(e.start)}`,
      ...(e.end ? [`DTEND:${formatUtc(e.end)}`] : []),
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      ...(e.geo ? [`GEO:${e.geo.lat.toFixed(6)};${e.geo.lon.toFixed(6)}`] : []),
      `STATUS:${e.status}`,
      ...(e.categories.length > 0 ? [`CATEGORIES:${e.categories.map(escapeText).join(',')}`] : []),
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
