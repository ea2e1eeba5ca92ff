import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * CAP alerts read from elsewhere (`liaison cap import`, later the feeds of other authorities):
 * the text as decoded, its identity and the parsed alert with the reader's warnings. One row per
 * (sender, identifier, sent), so that importing the same message again changes nothing. An
 * Update or Cancel points at the newest message it references that the node holds.
 */
export const m0028_received_alerts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('received_alerts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('identifier', 'text', (c) => c.notNull())
      // as the message wrote it (the identity of CAP references); sent_at is the instant, for order
      .addColumn('sent', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('msg_type', 'text', (c) => c.notNull())
      .addColumn('cap_references', 'text')
      .addColumn('refers_to', 'uuid', (c) => c.references('received_alerts.id'))
      .addColumn('namespace', 'text', (c) => c.notNull())
      .addColumn('alert', 'jsonb', (c) => c.notNull())
      .addColumn('warnings', 'jsonb', (c) => c.notNull())
      .addColumn('original', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text')
      .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('received_alerts_message', ['sender', 'identifier', 'sent'])
      .execute()
    await db.schema
      .createIndex('received_alerts_order')
      .on('received_alerts')
      .expression(sql`sent_at desc, id desc`)
      .execute()
  },
}
