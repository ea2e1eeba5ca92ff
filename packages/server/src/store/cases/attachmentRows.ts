import type { Insertable, Kysely, Selectable } from 'kysely'
import type { AttachmentsTable, Database } from '../schema.ts'

/** How many files a log entry carries. */
export async function countAttachments(db: Kysely<Database>, logEntryId: string): Promise<number> {
  const count = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('log_entry_id', '=', logEntryId)
    .executeTakeFirstOrThrow()
  return Number(count.n)
}

export async function insertAttachment(
  db: Kysely<Database>,
  row: Insertable<AttachmentsTable>,
): Promise<void> {
  await db.insertInto('attachments').values(row).execute()
}

/** The attachments of these log entries (names and sizes, not contents), oldest first. */
export async function attachmentsOfEntries(db: Kysely<Database>, entryIds: readonly string[]) {
  if (entryIds.length === 0) return []
  return db
    .selectFrom('attachments')
    .select(['id', 'log_entry_id', 'file_name', 'content_type', 'size'])
    .where('log_entry_id', 'in', [...entryIds])
    .orderBy('created_at')
    .execute()
}

/** A log entry's files (their metadata, not contents), oldest first. */
export async function attachmentsOfEntry(db: Kysely<Database>, logEntryId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'log_entry_id', 'file_name', 'content_type', 'size', 'sha256', 'created_at'])
    .where('log_entry_id', '=', logEntryId)
    .orderBy('created_at')
    .execute()
}

/** One attachment with its contents; undefined when there is none. */
export async function findAttachment(
  db: Kysely<Database>,
  id: string,
): Promise<Selectable<AttachmentsTable> | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()
}
