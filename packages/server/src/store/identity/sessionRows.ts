import type { Insertable, Kysely } from 'kysely'
import type { Database, SessionsTable } from '../schema.ts'

/**
 * Ends a user's live sessions at `at`: all of them, only one (`only`), or all but one (`except`).
 * Answers how many ended.
 */
export async function endSessions(
  db: Kysely<Database>,
  userId: string,
  at: Date,
  which: { readonly only?: string; readonly except?: string } = {},
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
  if (which.only !== undefined) query = query.where('id', '=', which.only)
  if (which.except !== undefined) query = query.where('id', '!=', which.except)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function insertSession(db: Kysely<Database>, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute()
}
