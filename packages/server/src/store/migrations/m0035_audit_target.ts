import type { Kysely, Migration } from 'kysely'

/**
 * An index on what each audit row is about, so that an item's history read from the audit (an
 * alert's, `alertHistoryRows`) reads its rows only, not the whole chain. Built while the
 * migration holds the table: on a large audit, run migrations in a maintenance window.
 */
export const m0035_audit_target: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('audit_target').on('audit').columns(['target', 'seq']).execute()
  },
}
