import type { Result } from '@liaison/core'
import { err, ok } from '@liaison/core'

/** The longest key the node keeps. */
export const maxIdempotencyKeyLength = 255

/**
 * Reads an `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header): a Structured
 * Field string (`"8e03978e-…"`, `\"` and `\\` escaped) or, as most clients send it, the bare
 * value. The key is 1 to 255 printable ASCII characters. No header: null. Sent twice: refused.
 */
export function parseIdempotencyKey(
  header: string | readonly string[] | undefined,
): Result<string | null, string> {
  if (header === undefined) return ok(null)
  if (typeof header !== 'string') return err('must be sent once')
  const value = header.trim()
  const key = value.startsWith('"') ? unquote(value) : value
  if (key === null)
    return err('is not a well-formed string (a closing quote, or an escape other than \\" and \\\\)')
  if (key.length === 0) return err('is empty')
  if (key.length > maxIdempotencyKeyLength) return err(`is longer than ${maxIdempotencyKeyLength} characters`)
  if (!/^[\x20-\x7e]+$/.test(key)) return err('may hold only printable ASCII characters')
  return ok(key)
}

/** RFC 8941 §4.2.5: the string inside the quotes, or null when it is not one. */
function unquote(value: string): string | null {
  let out = ''
  for (let i = 1; i < value.length; i++) {
    const c = value[i]!
    if (c === '\\') {
      const next = value[i + 1]
      if (next !== '"' && next !== '\\') return null
      out += next
      i++
    } else if (c === '"') {
      return i === value.length - 1 ? out : null
    } else out += c
  }
  return null
}
