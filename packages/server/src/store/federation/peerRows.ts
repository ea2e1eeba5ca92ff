import type { DistributionKind, EventStatus, Peer, PeerKey, Tlp } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

function keysOf(
  rows: readonly { public_key: string; key_id: string; added_at: Date; retired_at: Date | null }[],
): PeerKey[] {
  return rows.map((k) => ({
    keyId: k.key_id,
    publicKey: k.public_key,
    addedAt: k.added_at,
    retiredAt: k.retired_at,
  }))
}

/** Every configured peer with its keys (current first, then retired by age), by node id. */
export async function listPeers(db: Kysely<Database>): Promise<Peer[]> {
  const [peers, keys] = await Promise.all([
    db.selectFrom('peers').selectAll().orderBy('node_id').execute(),
    db
      .selectFrom('peer_keys')
      .selectAll()
      .orderBy('peer_node_id')
      .orderBy(({ eb }) => eb('retired_at', 'is', null), 'desc')
      .orderBy('added_at', 'desc')
      .execute(),
  ])
  return peers.map((p) => ({
    nodeId: p.node_id,
    baseUrl: p.base_url,
    keys: keysOf(keys.filter((k) => k.peer_node_id === p.node_id)),
    statuses: p.statuses as EventStatus[],
    tlp: p.tlp as Tlp[],
    distributions: p.distributions as DistributionKind[],
    addedAt: p.added_at,
    addedBy: p.added_by,
    changedAt: p.changed_at,
    changedBy: p.changed_by,
  }))
}

/** One peer, or null. */
export async function findPeer(db: Kysely<Database>, nodeId: string): Promise<Peer | null> {
  const row = await db.selectFrom('peers').select('node_id').where('node_id', '=', nodeId).executeTakeFirst()
  if (!row) return null
  return (await listPeers(db)).find((p) => p.nodeId === nodeId) ?? null
}

export async function insertPeer(db: Kysely<Database>, peer: Peer): Promise<void> {
  await db
    .insertInto('peers')
    .values({
      node_id: peer.nodeId,
      base_url: peer.baseUrl,
      statuses: [...peer.statuses],
      tlp: [...peer.tlp],
      distributions: [...peer.distributions],
      added_at: peer.addedAt,
      added_by: peer.addedBy,
      changed_at: peer.changedAt,
      changed_by: peer.changedBy,
    })
    .execute()
  if (peer.keys.length > 0)
    await db
      .insertInto('peer_keys')
      .values(
        peer.keys.map((k) => ({
          peer_node_id: peer.nodeId,
          key_id: k.keyId,
          public_key: k.publicKey,
          added_at: k.addedAt,
          retired_at: k.retiredAt,
        })),
      )
      .execute()
}

/** Removes a peer with its keys and the organisations it published; false when there was none. */
export async function deletePeer(db: Kysely<Database>, nodeId: string): Promise<boolean> {
  const deleted = await db.deleteFrom('peers').where('node_id', '=', nodeId).executeTakeFirst()
  return deleted.numDeletedRows > 0n
}

/** The raw public key (base64url) of a peer's key id, current or retired; null if unknown. */
export async function findPeerKey(
  db: Kysely<Database>,
  nodeId: string,
  keyId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('peer_keys')
    .select('public_key')
    .where('peer_node_id', '=', nodeId)
    .where('key_id', '=', keyId)
    .executeTakeFirst()
  return row?.public_key ?? null
}
