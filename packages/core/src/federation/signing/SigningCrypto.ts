/**
 * The crypto a node needs to sign and check federation events, as a port: core holds no keys
 * and does no crypto itself. The server implements it with node:crypto (Ed25519, SHA-256).
 */
export interface SigningCrypto {
  /** Signs `bytes` with the node's private key named `keyId` (Ed25519, 64-byte signature). */
  sign(keyId: string, bytes: Uint8Array): Promise<Uint8Array>
  /** Checks an Ed25519 `signature` of `bytes` against a raw 32-byte public key. */
  verify(publicKey: Uint8Array, bytes: Uint8Array, signature: Uint8Array): Promise<boolean>
  /** SHA-256 of `bytes` (32 bytes). */
  sha256(bytes: Uint8Array): Promise<Uint8Array>
}
