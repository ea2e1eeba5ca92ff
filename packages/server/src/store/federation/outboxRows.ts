import type { StreamEntry, StreamHead } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** One entry of a peer's stream as this node keeps it, with its own hash. */
export interface OutboxEntry extends StreamEntry {
  readonly peer: string
  readonly hash: string
}

/** Makes sure each peer has its state row (heads at the genesis), leaving existing ones as they are. */
export async function ensurePeerStates(db: Kysely<Database>, peers: readonly string[]): Promise<void> {
  if (peers.length === 0) return
  await db
    .insertInto('federation_peer_state')
    .values(peers.map((peer) => ({ peer })))
    .onConflict((oc) => oc.column('peer').doNothing())
    .execute()
}

/** The outbound heads of these peers' streams, locked until the transaction ends. */
export async function lockOutboundHeads(
  tx: Kysely<Database>,
  peers: readonly string[],
): Promise<Map<string, StreamHead>> {
  if (peers.length === 0) return new Map()
  const rows = await tx
    .selectFrom('federation_peer_state')
    .select(['peer', 'out_seq', 'out_hash'])
    .where('peer', 'in', [...peers])
    .orderBy('peer')
    .forUpdate()
    .execute()
  return new Map(rows.map((r) => [r.peer, { seq: r.out_seq, hash: r.out_hash }]))
}

/**
 * Appends entries to the peers' streams in one statement, and moves each stream's outbound head
 * to the last of its entries. Inside the transaction that locked the heads.
 */
export async function appendOutbox(
  tx: Kysely<Database>,
  entries: readonly OutboxEntry[],
  heads: ReadonlyMap<string, StreamHead>,
  at: Date,
): Promise<void> {
  if (entries.length === 0) return
  await tx
    .insertInto('federation_outbox')
    .values(
      entries.map((e) => ({
        peer: e.peer,
        seq: e.seq,
        prev: e.prev,
        hash: e.hash,
        event: JSON.stringify(e.event),
        created_at: at,
      })),
    )
    .execute()
  for (const [peer, head] of heads)
    await tx
      .updateTable('federation_peer_state')
      .set({ out_seq: head.seq, out_hash: head.hash })
      .where('peer', '=', peer)
      .execute()
}

/** A peer's entries after `after`, in order, at most `limit`: what is pushed, or pulled. */
export async function outboxAfter(
  db: Kysely<Database>,
  peer: string,
  after: number,
  limit: number,
): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom('federation_outbox')
    .select(['peer', 'seq', 'prev', 'hash', 'event'])
    .where('peer', '=', peer)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    peer: r.peer,
    seq: r.seq,
    prev: r.prev,
    hash: r.hash,
    event: r.event as StreamEntry['event'],
  }))
}
