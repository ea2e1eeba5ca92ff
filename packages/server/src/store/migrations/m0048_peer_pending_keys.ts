import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Key rotation between peers (issue 9, capability 1; decision 045): the new key a peer announced,
 * signed with the key this node holds as its current one, kept pending (one per peer, the latest
 * announcement) with the signed announcement, until an operator or administrator takes it.
 */
export const m0048_peer_pending_keys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('peer_pending_keys')
      .addColumn('peer_node_id', 'text', (c) =>
        c.primaryKey().references('peers.node_id').onDelete('cascade'),
      )
      .addColumn('key_id', 'text', (c) => c.notNull().check(sql`key_id ~ '^[0-9a-f]{16}$'`))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('previous_key_id', 'text', (c) => c.notNull())
      .addColumn('rotated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('announcement', 'jsonb', (c) => c.notNull())
      .execute()
  },
}
