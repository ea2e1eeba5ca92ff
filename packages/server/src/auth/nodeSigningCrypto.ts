import { createHash, createPublicKey, verify } from 'node:crypto'
import type { SigningCrypto } from '@liaison/core'
import type { NodeSigningKey } from './loadSigningKey.ts'
import { federationKeyId } from './loadSigningKey.ts'

/** The SPKI DER of an Ed25519 key is a fixed 12-byte prefix and the raw 32-byte key. */
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex')

/** Checks an Ed25519 signature against a raw 32-byte public key; false for anything malformed. */
export function verifyEd25519(publicKey: Uint8Array, bytes: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  try {
    const key = createPublicKey({ key: Buffer.concat([spkiPrefix, publicKey]), format: 'der', type: 'spki' })
    return verify(null, bytes, key, signature)
  } catch {
    return false
  }
}

/**
 * Core's federation `SigningCrypto` over node:crypto, bound to the node's signing key: it signs
 * with that key only (its `keyId`; a retired key signs nothing), and verifies against any key.
 * Without a key (null) it only verifies.
 */
export function nodeSigningCrypto(key: NodeSigningKey | null): SigningCrypto {
  return {
    sign(keyId, bytes) {
      if (!key) return Promise.reject(new Error('this crypto only verifies'))
      if (keyId !== key.keyId)
        return Promise.reject(new Error(`this node signs with key ${key.keyId}, not ${keyId}`))
      return Promise.resolve(key.signBytes(bytes))
    },
    verify: (publicKey, bytes, signature) => Promise.resolve(verifyEd25519(publicKey, bytes, signature)),
    sha256: (bytes) => Promise.resolve(new Uint8Array(createHash('sha256').update(bytes).digest())),
  }
}

/** A node public key as federation carries it: the raw 32 bytes in base64url, not base64. */
export function federationPublicKey(key: { readonly publicKey: string }): string {
  return Buffer.from(key.publicKey, 'base64').toString('base64url')
}

/** The federation key id of a raw 32-byte public key: the first 16 hex of its SHA-256. */
export function federationKeyIdOf(raw: Uint8Array): string {
  return federationKeyId(createHash('sha256').update(raw).digest('hex'))
}
