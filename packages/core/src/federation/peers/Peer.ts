import type { PeerPolicy } from '../admission/FederationDirectory.ts'

/** One public key of a peer node: rotation adds a key and retires the old one, which still verifies. */
export interface PeerKey {
  /** The first 16 hex of the SHA-256 of the raw key. */
  readonly keyId: string
  /** The raw 32-byte Ed25519 key, base64url without padding. */
  readonly publicKey: string
  readonly addedAt: Date
  readonly retiredAt: Date | null
}

/**
 * A node this node trusts, configured explicitly by its operator: where it answers, its keys,
 * and what it may receive (its `PeerPolicy`). Nothing is accepted from a node that is not one.
 */
export interface Peer extends PeerPolicy {
  /** Where its federation API answers, without a trailing slash: https://liaison.nl.example */
  readonly baseUrl: string
  readonly keys: readonly PeerKey[]
  readonly addedAt: Date
  readonly addedBy: string
  readonly changedAt: Date
  readonly changedBy: string
}
