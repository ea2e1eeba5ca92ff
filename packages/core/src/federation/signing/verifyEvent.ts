import { err, ok } from '../../result.ts'
import type { Result } from '../../result.ts'
import { fromBase64url } from './base64url.ts'
import type { SigningCrypto } from './SigningCrypto.ts'
import type { EventSignature } from './signEvent.ts'
import { signedBytes } from './signEvent.ts'

/** Why a signed event is refused: a closed set. */
export type VerifyRefusal = 'malformed' | 'unknown_key' | 'bad_signature'

/** The raw 32-byte public key of an origin key id, or null when the key is not known. */
export type KeyLookup = (keyId: string) => Promise<Uint8Array | null> | Uint8Array | null

/**
 * Checks an event's signature against its origin's key, whoever relayed it: the signature covers
 * the canonical JSON, so re-serialising or reordering keys on the way does not matter.
 */
export async function verifyEvent(
  signed: unknown,
  keyLookup: KeyLookup,
  crypto: SigningCrypto,
): Promise<Result<EventSignature, VerifyRefusal>> {
  if (typeof signed !== 'object' || signed === null || Array.isArray(signed)) return err('malformed')
  const sig = (signed as { sig?: unknown }).sig
  if (typeof sig !== 'object' || sig === null) return err('malformed')
  const { keyId, alg, value } = sig as Record<string, unknown>
  if (typeof keyId !== 'string' || keyId === '' || alg !== 'ed25519' || typeof value !== 'string')
    return err('malformed')
  const signature = fromBase64url(value)
  if (!signature || signature.length !== 64) return err('malformed')
  let bytes: Uint8Array
  try {
    bytes = signedBytes(signed)
  } catch {
    return err('malformed')
  }
  const publicKey = await keyLookup(keyId)
  if (!publicKey) return err('unknown_key')
  if (!(await crypto.verify(publicKey, bytes, signature))) return err('bad_signature')
  return ok({ keyId, alg, value })
}
