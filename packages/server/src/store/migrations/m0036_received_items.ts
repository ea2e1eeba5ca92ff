import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Applying what peers send (issue 9, capability 8; decision 035): the read model of received
 * items, one row per item of another node (its origin, kind and id: a case, a log entry, a task,
 * a map feature) with the item as its origin last wrote it, its status, TLP and distribution, and
 * the organisations of this node that see it (`audience`, derived with core's `localAudience`,
 * recomputed when the case it belongs to changes); the receipts peers send for this node's items
 * (delivered, acknowledged); and what became of each inbox entry (applied or skipped).
 */
export const m0036_received_items: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('received_items')
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('case', 'log-entry', 'task', 'map-feature')`),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('peer', 'text', (c) => c.notNull().references('peers.node_id').onDelete('cascade'))
      .addColumn('case_id', 'text')
      .addColumn('owner_org_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('actual', 'exercise', 'test')`))
      .addColumn('tlp', 'text', (c) => c.notNull())
      .addColumn('distribution', 'jsonb', (c) => c.notNull())
      .addColumn('audience', sql`text[]`, (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('item', 'jsonb', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('superseded_by', 'text')
      .addColumn('removed_at', 'timestamptz')
      .addColumn('acknowledged_at', 'timestamptz')
      .addColumn('acknowledged_by', 'text')
      .addColumn('acknowledged_org_id', 'text')
      .addPrimaryKeyConstraint('received_items_pk', ['origin', 'kind', 'id'])
      .execute()
    await sql`create index received_items_incoming on received_items (status, received_at desc, id desc)`.execute(
      db,
    )
    await sql`create index received_items_case on received_items (origin, case_id, kind)`.execute(db)
    await sql`create index received_items_audience on received_items using gin (audience)`.execute(db)

    await db.schema
      .createTable('federation_receipts')
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('delivered', 'acknowledged')`))
      .addColumn('item_kind', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('org_id', 'text')
      .addColumn('by_name', 'text')
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('federation_receipts_pk', ['item_id', 'node', 'state'])
      .execute()

    await db.schema
      .alterTable('federation_inbox')
      .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('applied', 'skipped')`))
      .execute()
    await sql`create index federation_inbox_unapplied on federation_inbox (peer, seq) where applied_at is null`.execute(
      db,
    )
  },
}
