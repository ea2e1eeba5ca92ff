import type { Insertable, Kysely, Selectable } from 'kysely'
import type { CalendarFeedsTable, Database } from '../schema.ts'

export async function insertCalendarFeed(
  db: Kysely<Database>,
  row: Insertable<CalendarFeedsTable>,
): Promise<void> {
  await db.insertInto('calendar_feeds').values(row).execute()
}

/** Whose a calendar address is and whether it is revoked; undefined when there is none. */
export async function calendarFeedState(
  db: Kysely<Database>,
  id: string,
): Promise<Pick<Selectable<CalendarFeedsTable>, 'org_id' | 'revoked_at'> | undefined> {
  return db
    .selectFrom('calendar_feeds')
    .select(['org_id', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function markCalendarFeedRevoked(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('calendar_feeds').set({ revoked_at: at }).where('id', '=', id).execute()
}

/** The organisation's calendar addresses (never their secrets), newest first. */
export async function calendarFeedsOf(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('calendar_feeds')
    .select(['id', 'created_at', 'revoked_at'])
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .execute()
}

/** The calendar address of this secret hash with its organisation's name; undefined when there is none. */
export async function calendarFeedBySecretHash(db: Kysely<Database>, secretHash: string) {
  return db
    .selectFrom('calendar_feeds')
    .innerJoin('organisations', 'organisations.id', 'calendar_feeds.org_id')
    .select(['calendar_feeds.org_id', 'calendar_feeds.revoked_at', 'organisations.name as org_name'])
    .where('calendar_feeds.secret_hash', '=', secretHash)
    .executeTakeFirst()
}
