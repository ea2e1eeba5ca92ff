import type { Kysely, Migration } from 'kysely'

export const m0006_duty: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('rotations')
      .addColumn('org_id', 'uuid', (c) => c.primaryKey().references('organisations.id'))
      .addColumn('definition', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_by', 'uuid', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('roster_overrides')
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('shift_start', 'timestamptz', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'uuid', (c) => c.notNull())
      .addPrimaryKeyConstraint('roster_overrides_pk', ['org_id', 'shift_start'])
      .execute()
    await db.schema
      .createTable('handovers')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('period_from', 'timestamptz', (c) => c.notNull())
      .addColumn('period_to', 'timestamptz', (c) => c.notNull())
      .addColumn('outgoing_user_id', 'uuid', (c) => c.notNull())
      .addColumn('report', 'jsonb', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('signed_off_by', 'uuid')
      .addColumn('signed_off_at', 'timestamptz')
      .execute()
    await db.schema.createIndex('handovers_org').on('handovers').columns(['org_id', 'created_at']).execute()
  },
}
