import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Imported alert areas (`liaison import areas`): municipalities, safety regions and the like, in
 * WGS 84 as GeoJSON MultiPolygons with their box for a quick look-up; one per level and code, a
 * later import of the same level and code replacing it. The shipped Benelux countries and
 * provinces are not stored: they are served from core (decision 030).
 */
export const m0030_areas: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('areas')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('level', 'text', (c) =>
        c.notNull().check(sql`level in ('country', 'province', 'municipality', 'safety-region', 'custom')`),
      )
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // by language: { "nl": …, "fr": … }
      .addColumn('names', 'jsonb', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('geometry', 'jsonb', (c) => c.notNull())
      .addColumn('vertices', 'integer', (c) => c.notNull())
      .addColumn('west', 'double precision', (c) => c.notNull())
      .addColumn('south', 'double precision', (c) => c.notNull())
      .addColumn('east', 'double precision', (c) => c.notNull())
      .addColumn('north', 'double precision', (c) => c.notNull())
      .addColumn('source_file', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('areas_level_code', ['level', 'code'])
      .execute()
    // the list's order (by code, bytewise, as the node compares codes)
    await sql`create index areas_order on areas ((code collate "C"), id)`.execute(db)
  },
}
