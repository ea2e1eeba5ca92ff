import { randomBytes, randomInt } from 'node:crypto'
import { hashSecret, newSecret } from '../auth/secrets.ts'

/** The management token a subscriber proves control with: shown once, kept hashed (like API tokens). */
export function newManagementToken(): { secret: string; hash: string } {
  return newSecret('lsub_')
}

export function managementTokenHash(token: string): string {
  return hashSecret(token)
}

/** An address's unsubscribe token, the last part of its one-click link. */
export function newUnsubscribeToken(): string {
  return `lunsub_${randomBytes(24).toString('base64url')}`
}

/** Six digits, uniformly drawn. */
export function newConfirmationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

/** A code is kept as the hash of its address and itself; a few tries are allowed, never a search. */
export function confirmationCodeHash(addressId: string, code: string): string {
  return hashSecret(`${addressId}:${code}`)
}
