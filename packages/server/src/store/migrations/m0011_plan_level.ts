import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

export const m0011_plan_level: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table cases add column scaling_plan_level text check (scaling_plan_level in ('stand-by', 'pre-alert', 'alert'))`.execute(
      db,
    )
  },
}
