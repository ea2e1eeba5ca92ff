import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * `idempotency_keys`: the first answer to each change sent with an Idempotency-Key, per principal,
 * kept until it expires. `batch_items`: the items a batch action has applied, per scope, so that a
 * replayed item is skipped. See docs/decisions/011-idempotency-and-batches.md.
 */
export const m0018_idempotency: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('principal', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running', 'done')`))
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('headers', 'jsonb')
      // sealed with the node's key: an answer may hold a secret shown once (a new API token's)
      .addColumn('body', 'text')
      .addPrimaryKeyConstraint('idempotency_keys_pkey', ['principal', 'key'])
      .execute()
    await db.schema
      .createIndex('idempotency_keys_expiry')
      .on('idempotency_keys')
      .column('expires_at')
      .execute()
    await db.schema
      .createTable('batch_items')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('ref', 'text')
      .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('batch_items_pkey', ['scope', 'item_id'])
      .execute()
  },
}
