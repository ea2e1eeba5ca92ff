import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Durable consumers of the events (decision 016): each work processor's cursor (the last event
 * it has handled), and the notifications that the `notifications` processor materialises, one
 * row per event and recipient (a user, or an organisation whose members are all told).
 */
export const m0022_processors: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('processor_cursors')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createTable('notifications')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('recipient', 'uuid', (c) => c.notNull())
      .addColumn('recipient_kind', 'text', (c) =>
        c.notNull().check(sql`recipient_kind in ('user', 'organisation')`),
      )
      .addColumn('by_user_id', 'uuid')
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'uuid', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notifications_pkey', ['recipient', 'seq'])
      .execute()
  },
}
