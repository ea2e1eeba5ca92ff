import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * A partner's decisions and approved situation reports are kept among the received items
 * (decision 035): the kinds `decision` and `sitrep` join the check on `received_items.kind`.
 */
export const m0049_received_decisions_and_sitreps: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table received_items drop constraint received_items_kind_check`.execute(db)
    await sql`alter table received_items add constraint received_items_kind_check
      check (kind in ('case', 'log-entry', 'task', 'map-feature', 'decision', 'sitrep'))`.execute(db)
  },
}
