import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Sign-in failures per account (as typed) and source, for the progressive delays that replace the
 * account lock; and the roles a partner organisation's administrators may grant (decision 006).
 */
export const m0016_access_rules: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sign_in_failures')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('sign_in_failures_pk', ['username', 'source'])
      .execute()
    // forgotten failures are pruned by age
    await db.schema
      .createIndex('sign_in_failures_last')
      .on('sign_in_failures')
      .column('last_failure_at')
      .execute()
    // null: no limit (the centre); a partner starts with the roles most partners need
    await db.schema
      .alterTable('organisations')
      .addColumn('grantable_roles', sql`text[]`)
      .execute()
    await sql`update organisations set grantable_roles = array['viewer', 'partner', 'duty-officer'] where kind = 'partner'`.execute(
      db,
    )
  },
}
