/**
 * Escapes text content for XML 1.0: characters it cannot carry at all are dropped, and a carriage
 * return is written as a character reference so that a reader gets it back (a parser turns a
 * literal one into a line feed).
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
}

/** The text cut to at most `max` characters (code points, never half a surrogate pair). */
export function cut(text: string, max: number): string {
  const points = Array.from(text)
  return points.length <= max ? text : points.slice(0, max).join('')
}

/** An EDXL and EMSI date: to the second, in UTC, with the `+00:00` offset both schemas require. */
export function xmlDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`
}

/** What XML 1.0 can carry of a text, as a reader gets it back (for comparing a round trip). */
export function xmlCarried(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
}
