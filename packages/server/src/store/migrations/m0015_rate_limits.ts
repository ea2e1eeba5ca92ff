import type { Kysely, Migration } from 'kysely'

/** Request counts per route and client address, shared by every process of the node. */
export const m0015_rate_limits: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('reset_at', 'timestamptz', (c) => c.notNull())
      .execute()
  },
}
