import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/** Finding the entry that corrects another (search results, exports) without reading the whole log. */
export const m0014_correction_index: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('log_entries_supersedes')
      .on('log_entries')
      .column('supersedes')
      .where(sql.ref('supersedes'), 'is not', null)
      .execute()
  },
}
