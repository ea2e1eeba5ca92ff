import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Writes no longer lock the audit head (decision 012): an action writes its events and its audit
 * row here, unnumbered, in its own transaction; the node's sequencer moves committed rows into
 * `events` and `audit` in batches, numbering the events and chaining the audit. `pending` is the
 * order a batch takes them in.
 */
export const m0019_sequencer: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('pending_events')
      .addColumn('pending', 'bigserial', (c) => c.primaryKey())
      .addColumn('id', 'uuid', (c) => c.notNull().unique())
      .addColumn('audit_id', 'uuid', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('org_id', 'uuid')
      .addColumn('audience', sql`uuid[]`)
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('pending_events_audit').on('pending_events').column('audit_id').execute()
    await db.schema
      .createTable('pending_audit')
      .addColumn('pending', 'bigserial', (c) => c.primaryKey())
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
      .execute()
    // only the sequencer numbers events now
    await sql`alter table events alter column seq drop default`.execute(db)
  },
}
