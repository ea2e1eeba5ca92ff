import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Indexes for reading lists a page at a time (keyset paging, decision 013): each list's filter
 * columns, then its sort key and id, so that a page after a cursor is found without reading the
 * rows before it.
 */
export const m0020_list_indexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('log_entries_case_page')
      .on('log_entries')
      .columns(['case_id', 'occurred_at', 'id'])
      .execute()
    await db.schema
      .createIndex('log_entries_daily_page')
      .on('log_entries')
      .columns(['org_id', 'occurred_at', 'id'])
      .where(sql.ref('case_id'), 'is', null)
      .execute()
    await db.schema.createIndex('cases_page').on('cases').columns(['starts_at', 'id']).execute()
    await db.schema
      .createIndex('tasks_case_page')
      .on('tasks')
      .columns(['case_id', 'created_at', 'id'])
      .execute()
    await db.schema
      .createIndex('decisions_case_page')
      .on('decisions')
      .columns(['case_id', 'decided_at', 'id'])
      .execute()
    await db.schema
      .createIndex('map_features_case_page')
      .on('map_features')
      .columns(['case_id', 'id'])
      .where(sql.ref('removed_at'), 'is', null)
      .execute()
    await db.schema.createIndex('contacts_page').on('contacts').columns(['name', 'id']).execute()
  },
}
