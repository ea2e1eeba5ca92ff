import type { KeyObject } from 'node:crypto'
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import { LiaisonError } from '@liaison/core'
import { readOrMakeKeyFile } from './readOrMakeKeyFile.ts'

/** An Ed25519 public key, as the node shows it and as a verifier needs it. */
export interface NodePublicKey {
  /** The raw 32-byte key, base64. */
  readonly publicKey: string
  /** SHA-256 (hex) of the raw 32-byte key. */
  readonly fingerprint: string
  /** The federation key id: the first 16 hex of the fingerprint (docs/federation.md). */
  readonly keyId: string
  /** Checks an Ed25519 signature (base64) of `text`. */
  verify(text: string, signature: string): boolean
}

/** The node's Ed25519 signing key: its identity, which signs audit checkpoints (and, later, what it sends peers). */
export interface NodeSigningKey extends NodePublicKey {
  /** Signs `text` (UTF-8) and returns the signature, base64. */
  sign(text: string): string
  /** Signs raw bytes (Ed25519, 64 bytes): what federation signatures use. */
  signBytes(bytes: Uint8Array): Uint8Array
}

/** The federation key id of a key: the first 16 hex of its fingerprint (SHA-256 of the raw key). */
export function federationKeyId(fingerprint: string): string {
  return fingerprint.slice(0, 16)
}

/** The SPKI DER of an Ed25519 key is a fixed 12-byte prefix and the raw 32-byte key. */
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex')

function publicKeyOf(key: KeyObject): NodePublicKey {
  const raw = key.export({ format: 'der', type: 'spki' }).subarray(spkiPrefix.length)
  const fingerprint = createHash('sha256').update(raw).digest('hex')
  return {
    publicKey: raw.toString('base64'),
    fingerprint,
    keyId: federationKeyId(fingerprint),
    verify(text, signature) {
      try {
        return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'))
      } catch {
        return false
      }
    },
  }
}

/** A public key given as base64 of its raw 32 bytes (what `liaison node key` prints). */
export function parsePublicKey(base64: string): NodePublicKey | null {
  const raw = Buffer.from(base64, 'base64')
  if (raw.length !== 32 || raw.toString('base64') !== base64) return null
  try {
    return publicKeyOf(
      createPublicKey({ key: Buffer.concat([spkiPrefix, raw]), format: 'der', type: 'spki' }),
    )
  } catch {
    return null
  }
}

/**
 * Reads the node's Ed25519 signing key (PKCS#8 PEM, so `openssl pkey` reads it too), or makes
 * one on first start, readable by this user only. The file appears whole or not at all (written
 * aside, then linked), so another process of the node starting at the same time reads the same key.
 */
export async function loadSigningKey(
  path: string,
): Promise<{ key: NodeSigningKey; created: boolean; looseMode: boolean }> {
  const loaded = await readSigningKey(path, true)
  if (!loaded) throw keyError(path, 'it could not be created')
  return loaded
}

/** Reads the signing key only: null when there is none (for checking, where a new key would be wrong). */
export async function findSigningKey(path: string): Promise<NodeSigningKey | null> {
  return (await readSigningKey(path, false))?.key ?? null
}

async function readSigningKey(
  path: string,
  create: boolean,
): Promise<{ key: NodeSigningKey; created: boolean; looseMode: boolean } | null> {
  const file = await readOrMakeKeyFile(
    path,
    create
      ? () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
      : null,
    (why) => keyError(path, why),
  )
  if (!file) return null
  const { pem, created, looseMode } = file
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(pem)
  } catch {
    throw keyError(path, 'it must hold an Ed25519 private key in PKCS#8 PEM')
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw keyError(path, `it holds an ${privateKey.asymmetricKeyType ?? 'unknown'} key, not Ed25519`)
  const publicKey = publicKeyOf(createPublicKey(privateKey))
  return {
    key: {
      ...publicKey,
      sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
      signBytes: (bytes) => new Uint8Array(sign(null, bytes, privateKey)),
    },
    created,
    looseMode,
  }
}

const keyError = (path: string, why: string) =>
  new LiaisonError('config_invalid', `auth.signingKeyFile ${path}: ${why}`)
