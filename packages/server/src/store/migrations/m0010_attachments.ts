import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

export const m0010_attachments: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('log_entry_id', 'uuid', (c) => c.notNull().references('log_entries.id'))
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('data', sql`bytea`, (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'uuid', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('attachments_entry').on('attachments').column('log_entry_id').execute()
    await sql`alter table cases add column from_log_entry uuid references log_entries(id)`.execute(db)
  },
}
