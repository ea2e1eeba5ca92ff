import type { Kysely, Migration } from 'kysely'

export const m0009_notifications: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('notification_reads')
      .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id'))
      .addColumn('read_up_to', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
  },
}
