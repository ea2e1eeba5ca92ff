import { err, ok } from '../../result.ts'
import type { Result } from '../../result.ts'
import { fromBase64url } from '../signing/base64url.ts'
import type { SigningCrypto } from '../signing/SigningCrypto.ts'
import type { SignedEvent } from '../signing/signEvent.ts'
import { verifyEvent } from '../signing/verifyEvent.ts'

/**
 * A node's new signing key, announced to its peers signed with the key it replaces (decision
 * 045): a peer that holds the previous key as current can trust it without a key given out of
 * band, and keeps it pending until its operator takes it.
 */
export interface KeyAnnouncement {
  readonly kind: 'node.key-announcement'
  readonly nodeId: string
  /** The new key's id: the first 16 hex of the SHA-256 of `publicKey`. */
  readonly keyId: string
  /** The new raw 32-byte Ed25519 key, base64url. */
  readonly publicKey: string
  /** The key it replaces, which signs the announcement. */
  readonly previousKeyId: string
  /** When the origin rotated, ISO 8601. */
  readonly rotatedAt: string
}

export type SignedKeyAnnouncement = SignedEvent<KeyAnnouncement>

/** Why an announced key is not recorded: a closed set. */
export type KeyAnnouncementRefusal =
  | 'malformed'
  | 'wrong_node'
  | 'key_id_mismatch'
  /** Signed by a key that is not the one this node holds as the peer's current key. */
  | 'not_current_key'
  | 'bad_signature'

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const keyIdPattern = /^[0-9a-f]{16}$/

/**
 * Checks an announcement a peer sent: its shape, that it is the peer's, that its key id is the
 * new key's, and that it is signed by the key this node holds as that peer's current key (and
 * names it as the previous one). Pure: the key id derivation and the signature check are given.
 */
export async function checkKeyAnnouncement(
  value: unknown,
  expected: {
    readonly nodeId: string
    readonly current: { readonly keyId: string; readonly publicKey: string } | null
    readonly keyIdOf: (raw: Uint8Array) => string
  },
  crypto: SigningCrypto,
): Promise<Result<KeyAnnouncement, KeyAnnouncementRefusal>> {
  if (!isObject(value)) return err('malformed')
  const { kind, nodeId, keyId, publicKey, previousKeyId, rotatedAt, sig } = value
  if (
    kind !== 'node.key-announcement' ||
    typeof nodeId !== 'string' ||
    typeof keyId !== 'string' ||
    !keyIdPattern.test(keyId) ||
    typeof publicKey !== 'string' ||
    typeof previousKeyId !== 'string' ||
    !keyIdPattern.test(previousKeyId) ||
    typeof rotatedAt !== 'string' ||
    Number.isNaN(new Date(rotatedAt).getTime()) ||
    !isObject(sig)
  )
    return err('malformed')
  if (nodeId !== expected.nodeId) return err('wrong_node')
  const raw = fromBase64url(publicKey)
  if (!raw || raw.length !== 32) return err('malformed')
  if (expected.keyIdOf(raw) !== keyId) return err('key_id_mismatch')
  const current = expected.current
  if (current === null || sig['keyId'] !== current.keyId || previousKeyId !== current.keyId)
    return err('not_current_key')
  const verified = await verifyEvent(
    value,
    (id) => (id === current.keyId ? fromBase64url(current.publicKey) : null),
    crypto,
  )
  if (!verified.ok) return err(verified.error === 'bad_signature' ? 'bad_signature' : 'malformed')
  return ok({ kind, nodeId, keyId, publicKey, previousKeyId, rotatedAt })
}
