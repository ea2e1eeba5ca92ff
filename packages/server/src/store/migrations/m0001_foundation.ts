import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

export const m0001_foundation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('node_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'jsonb', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('organisations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('centre', 'partner')`))
      .addColumn('country', 'text', (c) => c.notNull().check(sql`country in ('BE', 'NL', 'LU')`))
      .addColumn('parent_id', 'uuid', (c) => c.references('organisations.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('organisations_node_code', ['node_id', 'code'])
      .execute()
    await sql`create unique index organisations_one_centre on organisations (node_id) where kind = 'centre'`.execute(
      db,
    )

    await db.schema
      .createTable('events')
      .addColumn('seq', 'bigserial', (c) => c.primaryKey())
      .addColumn('id', 'uuid', (c) => c.notNull().unique())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('org_id', 'uuid')
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('events_subject').on('events').columns(['subject', 'seq']).execute()

    await db.schema
      .createTable('audit')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('id', 'uuid', (c) => c.notNull().unique())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('org_id', 'uuid')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ok', 'refused', 'failed')`))
      .addColumn('code', 'text')
      .addColumn('source', 'text')
      .addColumn('details', 'jsonb')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('audit_org').on('audit').columns(['org_id', 'seq']).execute()

    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute()
    await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db)
  },
}
