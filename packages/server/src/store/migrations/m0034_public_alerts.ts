import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * The public alerts (issue 10, decision 034): a read-only copy of every issued Public alert (never
 * Restricted or Private), written by the `public-alerts` processor from the alert events, and the
 * only table the public listener reads: its exact CAP XML, a JSON form, the areas as GeoJSON, the
 * headline per language, and whether it is current.
 */
export const m0034_public_alerts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('public_alerts')
      .addColumn('identifier', 'text', (c) => c.primaryKey())
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('sent', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('Actual', 'Exercise', 'Test')`))
      .addColumn('msg_type', 'text', (c) => c.notNull().check(sql`msg_type in ('Alert', 'Update', 'Cancel')`))
      // the table holds Public alerts only, and says so itself
      .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope = 'Public'`))
      .addColumn('xml', 'text', (c) => c.notNull())
      .addColumn('json', 'jsonb', (c) => c.notNull())
      .addColumn('areas', 'jsonb', (c) => c.notNull())
      .addColumn('languages', 'jsonb', (c) => c.notNull())
      .addColumn('headlines', 'jsonb', (c) => c.notNull())
      .addColumn('expires', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('current', 'boolean', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('public_alerts_current')
      .on('public_alerts')
      .expression(sql`current, status, sent desc`)
      .execute()
  },
}
