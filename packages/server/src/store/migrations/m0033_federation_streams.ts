import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Per-peer federation streams (issue 9, capability 3; decision 032): the outbox, each peer's
 * stream of the events admitted for it, signed once by this node and chained; the state of each
 * peer in both directions (the outbound head and what it acknowledged, the retries and their
 * errors, the inbound head); and the inbox, what each peer sent, kept as signed, until applied.
 */
export const m0033_federation_streams: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const hash = (c: string) => sql.raw(`${c} ~ '^[0-9a-f]{64}$'`)
    await db.schema
      .createTable('federation_outbox')
      .addColumn('peer', 'text', (c) => c.notNull().references('peers.node_id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
      .addColumn('prev', 'text', (c) => c.notNull().check(hash('prev')))
      .addColumn('hash', 'text', (c) => c.notNull().check(hash('hash')))
      .addColumn('event', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('federation_outbox_pk', ['peer', 'seq'])
      .execute()

    await db.schema
      .createTable('federation_peer_state')
      .addColumn('peer', 'text', (c) => c.primaryKey().references('peers.node_id').onDelete('cascade'))
      .addColumn('out_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('out_hash', 'text', (c) => c.notNull().defaultTo('0'.repeat(64)).check(hash('out_hash')))
      .addColumn('acked_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'timestamptz')
      .addColumn('parked_since', 'timestamptz')
      .addColumn('first_error', 'text')
      .addColumn('first_error_at', 'timestamptz')
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', 'timestamptz')
      .addColumn('last_contact_at', 'timestamptz')
      .addColumn('protocol', 'integer')
      .addColumn('in_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('in_hash', 'text', (c) => c.notNull().defaultTo('0'.repeat(64)).check(hash('in_hash')))
      .addCheckConstraint('federation_peer_state_acked', sql`acked_seq between 0 and out_seq`)
      .execute()

    await db.schema
      .createTable('federation_inbox')
      .addColumn('peer', 'text', (c) => c.notNull().references('peers.node_id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
      .addColumn('hash', 'text', (c) => c.notNull().check(hash('hash')))
      .addColumn('event', 'jsonb', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('applied_at', 'timestamptz')
      .addPrimaryKeyConstraint('federation_inbox_pk', ['peer', 'seq'])
      .execute()
  },
}
