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
