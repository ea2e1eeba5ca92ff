/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * What makes a string unfit to store or pass on, or null: a NUL character (PostgreSQL's text
 * refuses it) or a lone surrogate (not Unicode text; it cannot be written as UTF-8).
 */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character'
  if (loneSurrogate.test(text)) return 'must not contain a lone surrogate (it is not Unicode text)'
  return null
}
