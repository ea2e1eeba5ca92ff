import { canonicalJson } from '../../canonical/canonicalJson.ts'
import { toBase64url, utf8 } from './base64url.ts'
import type { SigningCrypto } from './SigningCrypto.ts'

/** The signature an event carries: which origin key made it, the algorithm, the value (base64url). */
export interface EventSignature {
  readonly keyId: string
  readonly alg: 'ed25519'
  readonly value: string
}

/** An event with its origin's signature over the canonical JSON of everything else. */
export type SignedEvent<T extends object> = T & { readonly sig: EventSignature }

/** The node key that signs: its id and the crypto port holding it. */
export interface EventSigner {
  readonly keyId: string
  readonly crypto: SigningCrypto
}

/** The bytes an event's signature covers: the UTF-8 canonical JSON (RFC 8785) of all but `sig`. */
export function signedBytes(event: object): Uint8Array {
  const { sig: _sig, ...rest } = event as Record<string, unknown>
  return utf8(canonicalJson(rest))
}

/** Signs `event` once, at its origin; the signature then travels with it wherever it goes. */
export async function signEvent<T extends object>(
  event: T,
  signer: EventSigner,
): Promise<SignedEvent<Omit<T, 'sig'>>> {
  const { sig: _sig, ...rest } = event as T & { sig?: unknown }
  const value = await signer.crypto.sign(signer.keyId, signedBytes(rest))
  return { ...rest, sig: { keyId: signer.keyId, alg: 'ed25519', value: toBase64url(value) } }
}
