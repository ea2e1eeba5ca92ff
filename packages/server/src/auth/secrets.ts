import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A high-entropy secret (session or API token) and the hash stored in its place. */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`
  return { secret, hash: hashSecret(secret) }
}

/** SHA-256 suffices for 256-bit random secrets: there is nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url')
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
