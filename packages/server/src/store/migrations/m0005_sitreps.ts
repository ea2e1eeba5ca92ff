import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

export const m0005_sitreps: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sitreps')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'approved')`))
      .addColumn('period_from', 'timestamptz', (c) => c.notNull())
      .addColumn('period_to', 'timestamptz', (c) => c.notNull())
      .addColumn('conditions', 'text', (c) => c.notNull())
      .addColumn('actions', 'text', (c) => c.notNull())
      .addColumn('needs', 'text', (c) => c.notNull())
      .addColumn('casualties', 'jsonb', (c) => c.notNull())
      .addColumn('resources', 'text', (c) => c.notNull())
      .addColumn('next_update_at', 'timestamptz')
      .addColumn('drafted_by', 'uuid', (c) => c.notNull())
      .addColumn('approved_by', 'uuid')
      .addColumn('approved_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('sitreps_case_number', ['case_id', 'number'])
      .execute()
  },
}
