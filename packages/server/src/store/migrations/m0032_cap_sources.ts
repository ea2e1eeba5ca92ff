import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Other authorities' CAP feeds the node polls (decision 031): an Atom or RSS index feed, or a
 * single CAP document, each on its own interval, with what the last conditional request learnt
 * (ETag, Last-Modified), when it was last fetched, last changed and last failed, and the entries
 * it skipped (not CAP 1.2) with their reasons. A received alert keeps the source it came from and when it runs out.
 */
export const m0032_cap_sources: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('cap_sources')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('poll_seconds', 'integer', (c) => c.notNull())
      .addColumn('stale_after_seconds', 'integer', (c) => c.notNull())
      .addColumn('enabled', 'boolean', (c) => c.notNull())
      .addColumn('etag', 'text')
      .addColumn('last_modified', 'text')
      // the SHA-256 of the last body read whole: a 200 with the same body is no change
      .addColumn('content_sha256', 'text')
      .addColumn('last_fetched_at', 'timestamptz')
      .addColumn('last_answered_at', 'timestamptz')
      .addColumn('last_changed_at', 'timestamptz')
      .addColumn('last_error_at', 'timestamptz')
      .addColumn('last_error', 'text')
      .addColumn('skipped', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .alterTable('received_alerts')
      .addColumn('source_id', 'uuid', (c) => c.references('cap_sources.id').onDelete('set null'))
      // when every info block has run out (capAlertExpiresAt); null: one stands until cancelled
      .addColumn('expires_at', 'timestamptz')
      .execute()
    // the board asks, of each message, whether an Update or Cancel refers to it
    await db.schema
      .createIndex('received_alerts_refers_to')
      .on('received_alerts')
      .column('refers_to')
      .execute()
    // the alerts imported before: the same rule, in SQL (the XSD admitted only CAP's dateTime)
    await sql`
      update received_alerts set expires_at = (
        select max((i ->> 'expires')::timestamptz) from jsonb_array_elements(alert -> 'info') i
      )
      where not exists (
        select 1 from jsonb_array_elements(alert -> 'info') i where i ->> 'expires' is null
      )`.execute(db)
  },
}
