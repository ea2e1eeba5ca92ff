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

/**
 * The raw public key (base64url) of a peer's key id, or null if unknown. A retired key counts
 * only while its grace lasts when `retiredAfter` is given (what arrives now, decision 045); without
 * it, any key the peer ever had (what was received before).
 */
export async function findPeerKey(
  db: Kysely<Database>,
  nodeId: string,
  keyId: string,
  retiredAfter?: Date,
): Promise<string | null> {
  let query = db
    .selectFrom('peer_keys')
    .select('public_key')
    .where('peer_node_id', '=', nodeId)
    .where('key_id', '=', keyId)
  if (retiredAfter !== undefined)
    query = query.where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredAfter)]))
  const row = await query.executeTakeFirst()
  return row?.public_key ?? null
}

/**
 * Makes `key` the peer's current key: the current one is retired at `at` (what it signed before
 * still verifies, and what arrives signed with it within the grace), a retired one taken again
 * becomes current. false when there is no such peer.
 */
export async function makePeerKeyCurrent(
  db: Kysely<Database>,
  nodeId: string,
  key: { readonly keyId: string; readonly publicKey: string },
  at: Date,
): Promise<boolean> {
  const peer = await db
    .selectFrom('peers')
    .select('node_id')
    .where('node_id', '=', nodeId)
    .forUpdate()
    .executeTakeFirst()
  if (!peer) return false
  await db
    .updateTable('peer_keys')
    .set({ retired_at: at })
    .where('peer_node_id', '=', nodeId)
    .where('retired_at', 'is', null)
    .where('key_id', '!=', key.keyId)
    .execute()
  await db
    .insertInto('peer_keys')
    .values({
      peer_node_id: nodeId,
      key_id: key.keyId,
      public_key: key.publicKey,
      added_at: at,
      retired_at: null,
    })
    .onConflict((oc) => oc.columns(['peer_node_id', 'key_id']).doUpdateSet({ retired_at: null }))
    .execute()
  await db.updateTable('peers').set({ changed_at: at }).where('node_id', '=', nodeId).execute()
  return true
}
