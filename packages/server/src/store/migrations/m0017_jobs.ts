import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * The embedded queue's jobs (store/queue/databaseQueue.ts). A job is deleted once acked; `seq` keeps
 * enqueue order (per ordering key too); a lease is `lease_until` and the claim's `lease_token`.
 */
export const m0017_jobs: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('jobs')
      .addColumn('seq', 'bigserial', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addColumn('ordering_key', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('ready', 'dead')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('run_at', 'timestamptz', (c) => c.notNull())
      .addColumn('lease_until', 'timestamptz')
      .addColumn('lease_token', 'text')
      .addColumn('worker_id', 'text')
      .addColumn('last_error', 'text')
      .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('dead_at', 'timestamptz')
      .execute()
    await db.schema
      .createIndex('jobs_ready')
      .on('jobs')
      .columns(['topic', 'state', 'run_at', 'seq'])
      .execute()
    await db.schema
      .createIndex('jobs_ordering')
      .on('jobs')
      .columns(['topic', 'ordering_key', 'seq'])
      .where(sql.ref('ordering_key'), 'is not', null)
      .execute()
  },
}
