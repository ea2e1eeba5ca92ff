import type { Insertable, Kysely, Updateable } from 'kysely'
import type { ContactsTable, Database } from '../schema.ts'

/** The organisation that keeps a contact, or undefined when there is no such contact. */
export async function contactKeeper(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('contacts').select('owner_org_id').where('id', '=', id).executeTakeFirst()
  return row?.owner_org_id
}

export async function insertContact(db: Kysely<Database>, row: Insertable<ContactsTable>): Promise<void> {
  await db.insertInto('contacts').values(row).execute()
}

export async function updateContactRow(
  db: Kysely<Database>,
  id: string,
  change: Updateable<ContactsTable>,
): Promise<void> {
  await db.updateTable('contacts').set(change).where('id', '=', id).execute()
}
