import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** A new key a peer announced, signed with its current key, waiting to be taken (decision 045). */
export interface PendingPeerKey {
  readonly nodeId: string
  readonly keyId: string
  /** Raw 32-byte Ed25519 key, base64url. */
  readonly publicKey: string
  readonly previousKeyId: string
  readonly rotatedAt: Date
  readonly receivedAt: Date
  /** The announcement as the peer signed it. */
  readonly announcement: unknown
}

/** Keeps a peer's announced key pending: the latest announcement replaces an earlier one. */
export async function setPendingPeerKey(db: Kysely<Database>, key: PendingPeerKey): Promise<void> {
  const values = {
    key_id: key.keyId,
    public_key: key.publicKey,
    previous_key_id: key.previousKeyId,
    rotated_at: key.rotatedAt,
    received_at: key.receivedAt,
    announcement: JSON.stringify(key.announcement),
  }
  await db
    .insertInto('peer_pending_keys')
    .values({ peer_node_id: key.nodeId, ...values })
    .onConflict((oc) => oc.column('peer_node_id').doUpdateSet(values))
    .execute()
}

/** The pending keys, by peer; of one peer when `nodeId` is given. */
export async function listPendingPeerKeys(db: Kysely<Database>, nodeId?: string): Promise<PendingPeerKey[]> {
  let query = db.selectFrom('peer_pending_keys').selectAll().orderBy('peer_node_id')
  if (nodeId !== undefined) query = query.where('peer_node_id', '=', nodeId)
  const rows = await query.execute()
  return rows.map((r) => ({
    nodeId: r.peer_node_id,
    keyId: r.key_id,
    publicKey: r.public_key,
    previousKeyId: r.previous_key_id,
    rotatedAt: r.rotated_at,
    receivedAt: r.received_at,
    announcement: r.announcement,
  }))
}

export async function deletePendingPeerKey(db: Kysely<Database>, nodeId: string): Promise<void> {
  await db.deleteFrom('peer_pending_keys').where('peer_node_id', '=', nodeId).execute()
}
