import type { StreamEntry, StreamHead } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { ensurePeerStates } from './outboxRows.ts'

/** The last entry received from a peer, locked until the transaction ends. */
export async function lockInboundHead(tx: Kysely<Database>, peer: string): Promise<StreamHead> {
  await ensurePeerStates(tx, [peer])
  const row = await tx
    .selectFrom('federation_peer_state')
    .select(['in_seq', 'in_hash'])
    .where('peer', '=', peer)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return { seq: row.in_seq, hash: row.in_hash }
}

/** The hash kept for an entry received from a peer, or null. */
export async function inboxHash(db: Kysely<Database>, peer: string, seq: number): Promise<string | null> {
  const row = await db
    .selectFrom('federation_inbox')
    .select('hash')
    .where('peer', '=', peer)
    .where('seq', '=', seq)
    .executeTakeFirst()
  return row?.hash ?? null
}

/**
 * Keeps the entries a peer sent, as signed, in one statement, and moves the inbound head to the
 * last of them; records the contact either way. Inside the transaction that locked the head.
 */
export async function receiveEntries(
  tx: Kysely<Database>,
  peer: string,
  received: {
    readonly entries: readonly (StreamEntry & { readonly hash: string })[]
    readonly head: StreamHead
    readonly protocol: number | null
    readonly at: Date
  },
): Promise<void> {
  if (received.entries.length > 0)
    await tx
      .insertInto('federation_inbox')
      .values(
        received.entries.map((e) => ({
          peer,
          seq: e.seq,
          hash: e.hash,
          event: JSON.stringify(e.event),
          received_at: received.at,
        })),
      )
      .execute()
  await tx
    .updateTable('federation_peer_state')
    .set({
      in_seq: received.head.seq,
      in_hash: received.head.hash,
      last_contact_at: received.at,
      ...(received.protocol === null ? {} : { protocol: received.protocol }),
    })
    .where('peer', '=', peer)
    .execute()
}

/** A peer's inbox, in order (what it sent, as signed). */
export async function listInbox(
  db: Kysely<Database>,
  peer: string,
): Promise<{ seq: number; hash: string; event: StreamEntry['event']; receivedAt: Date }[]> {
  const rows = await db
    .selectFrom('federation_inbox')
    .select(['seq', 'hash', 'event', 'received_at'])
    .where('peer', '=', peer)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({
    seq: r.seq,
    hash: r.hash,
    event: r.event as StreamEntry['event'],
    receivedAt: r.received_at,
  }))
}

/**
 * The peer whose key this is (current, or retired after `retiredAfter`: within its grace, decision
 * 045), with the raw key (base64url); null if none.
 */
export async function findPeerByKeyId(
  db: Kysely<Database>,
  keyId: string,
  retiredAfter: Date,
): Promise<{ peer: string; publicKey: string; retired: boolean } | null> {
  const rows = await db
    .selectFrom('peer_keys')
    .select(['peer_node_id', 'public_key', 'retired_at'])
    .where('key_id', '=', keyId)
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredAfter)]))
    .limit(2)
    .execute()
  // a key id two peers claim names neither
  const row = rows.length === 1 ? rows[0] : undefined
  return row ? { peer: row.peer_node_id, publicKey: row.public_key, retired: row.retired_at !== null } : null
}
