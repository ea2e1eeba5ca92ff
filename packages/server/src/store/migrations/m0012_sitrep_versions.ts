import type { Kysely, Migration } from 'kysely'

export const m0012_sitrep_versions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sitrep_versions')
      .addColumn('sitrep_id', 'uuid', (c) => c.notNull().references('sitreps.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content', 'jsonb', (c) => c.notNull())
      .addColumn('replaced_at', 'timestamptz', (c) => c.notNull())
      .addColumn('replaced_by', 'uuid', (c) => c.notNull())
      .addPrimaryKeyConstraint('sitrep_versions_pk', ['sitrep_id', 'version'])
      .execute()
  },
}
