import type { Insertable, Kysely, Updateable } from 'kysely'
import type { ApiTokensTable, Database, UsersTable } from '../schema.ts'

export async function insertUser(db: Kysely<Database>, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute()
}

export async function updateUserRow(
  db: Kysely<Database>,
  id: string,
  change: Updateable<UsersTable>,
): Promise<void> {
  await db.updateTable('users').set(change).where('id', '=', id).execute()
}

/** The ids of the organisation's other active administrators. */
export async function otherActiveAdmins(
  db: Kysely<Database>,
  orgId: string,
  userId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '!=', userId)
    .where('disabled', '=', false)
    .where((eb) => eb(eb.val('admin'), '=', eb.fn.any('roles')))
    .execute()
  return rows.map((r) => r.id)
}

export async function insertApiToken(db: Kysely<Database>, row: Insertable<ApiTokensTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute()
}

export async function findApiTokenRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function markApiTokenRevoked(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute()
}

/** The users with a one-time code secret, as stored (sealed, or in the clear from before sealing). */
export async function storedTotpSecrets(db: Kysely<Database>): Promise<{ id: string; secret: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .execute()
  return rows.flatMap((r) => (r.totp_secret === null ? [] : [{ id: r.id, secret: r.totp_secret }]))
}

/** Replaces a user's one-time code secret, unless it changed since it was read. */
export async function replaceTotpSecret(
  db: Kysely<Database>,
  id: string,
  from: string,
  to: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: to })
    .where('id', '=', id)
    .where('totp_secret', '=', from)
    .execute()
}
