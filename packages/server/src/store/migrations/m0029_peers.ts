import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Federation identity (issue 9, capability 1; decision 028): this node's public keys, current
 * and retired, so events signed before a rotation still verify; the peers this node trusts, with
 * their keys and what they may receive; and the organisations each peer published.
 */
export const m0029_peers: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('node_keys')
      .addColumn('key_id', 'text', (c) => c.primaryKey().check(sql`key_id ~ '^[0-9a-f]{16}$'`))
      .addColumn('public_key', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('retired_at', 'timestamptz')
      .execute()
    // one current key at a time
    await sql`create unique index node_keys_current on node_keys ((true)) where retired_at is null`.execute(
      db,
    )

    await db.schema
      .createTable('peers')
      .addColumn('node_id', 'text', (c) => c.primaryKey())
      .addColumn('base_url', 'text', (c) => c.notNull())
      .addColumn('statuses', sql`text[]`, (c) => c.notNull())
      .addColumn('tlp', sql`text[]`, (c) => c.notNull())
      .addColumn('distributions', sql`text[]`, (c) => c.notNull())
      .addColumn('added_at', 'timestamptz', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
      .addColumn('changed_by', 'text', (c) => c.notNull())
      .addCheckConstraint('peers_statuses', sql`statuses <@ array['actual', 'exercise', 'test']::text[]`)
      .addCheckConstraint(
        'peers_tlp',
        sql`tlp <@ array['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']::text[]`,
      )
      .addCheckConstraint(
        'peers_distributions',
        sql`distributions <@ array['case', 'neighbours', 'federation', 'group']::text[]`,
      )
      .execute()

    await db.schema
      .createTable('peer_keys')
      .addColumn('peer_node_id', 'text', (c) => c.notNull().references('peers.node_id').onDelete('cascade'))
      .addColumn('key_id', 'text', (c) => c.notNull().check(sql`key_id ~ '^[0-9a-f]{16}$'`))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('added_at', 'timestamptz', (c) => c.notNull())
      .addColumn('retired_at', 'timestamptz')
      .addPrimaryKeyConstraint('peer_keys_pk', ['peer_node_id', 'key_id'])
      .execute()

    await db.schema
      .createTable('foreign_organisations')
      .addColumn('peer_node_id', 'text', (c) => c.notNull().references('peers.node_id').onDelete('cascade'))
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('centre', 'partner')`))
      .addColumn('country', 'text', (c) => c.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
      .addColumn('languages', sql`text[]`, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('foreign_organisations_pk', ['peer_node_id', 'org_id'])
      .execute()
    // an organisation id names one organisation in the whole federation: a peer cannot publish
    // another peer's (or, checked by the action, one of this node's) to be taken for it
    await db.schema
      .createIndex('foreign_organisations_org_id')
      .on('foreign_organisations')
      .column('org_id')
      .unique()
      .execute()
  },
}
