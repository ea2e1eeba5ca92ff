import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/** A plan's documents: every uploaded version is kept; the newest is the plan's current document. */
export const m0013_plan_documents: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('plan_documents')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('data', sql`bytea`, (c) => c.notNull())
      .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
      .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
      .execute()
    await db.schema
      .createIndex('plan_documents_plan')
      .on('plan_documents')
      .columns(['plan_id', 'uploaded_at'])
      .execute()
  },
}
