import { fromBase64url, toBase64url, utf8 } from '@liaison/core'

/** Text as UTF-8 bytes (lone surrogates become U+FFFD): core's `utf8`. */
export const utf8Bytes = utf8

/** Base64 with padding (RFC 4648 §4), as XML's `base64Binary` carries bytes; core's base64url re-spelt. */
export function base64Encode(bytes: Uint8Array): string {
  const url = toBase64url(bytes).replace(/-/g, '+').replace(/_/g, '/')
  return url + '='.repeat((4 - (url.length % 4)) % 4)
}

/** The bytes of base64 text (whitespace allowed, as in XML), or undefined if it is not base64. */
export function base64Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\t\n\r ]/g, '')
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined
  const bytes = fromBase64url(clean.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))
  return bytes ?? undefined
}
