import type { Kysely, Migration, QueryExecutorProvider } from 'kysely'
import { sql } from 'kysely'

/**
 * When each alert runs out (`capAlertExpiresAt`: the latest `expires` when every info block has
 * one), kept in a column with an index on (state, expires_at), so that the alert clock finds the
 * issued alerts that have expired with one query instead of reading every issued alert.
 */
export const m0041_alert_expiry: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('alerts').addColumn('expires_at', 'timestamptz').execute()
    await fillAlertExpiry(db)
    await db.schema.createIndex('alerts_expiry').on('alerts').columns(['state', 'expires_at']).execute()
  },
}

/**
 * The alerts written before the column: `capAlertExpiresAt`'s rule in SQL (the latest `expires`
 * when every info block has one; an issued alert passed the XSD's dateTime).
 */
export async function fillAlertExpiry(db: QueryExecutorProvider): Promise<void> {
  await sql`
      update alerts set expires_at = (
        select max((i ->> 'expires')::timestamptz) from jsonb_array_elements(cap -> 'info') i
      )
      where jsonb_array_length(cap -> 'info') > 0
        and not exists (select 1 from jsonb_array_elements(cap -> 'info') i where i ->> 'expires' is null)`.execute(
    db,
  )
}
