import type { ApiToken, Role, User } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import type { ApiTokensTable, Database, UsersTable } from '../schema.ts'

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    orgId: row.org_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as Role[],
    totpEnrolled: row.totp_enrolled_at !== null,
    disabled: row.disabled,
    lockedUntil: row.locked_until,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  }
}

export function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    scopes: row.scopes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  }
}

export async function findUserRow(db: Kysely<Database>, by: { id: string } | { username: string }) {
  const query = db.selectFrom('users').selectAll()
  return (
    'id' in by ? query.where('id', '=', by.id) : query.where('username', '=', by.username)
  ).executeTakeFirst()
}

export async function listUsers(db: Kysely<Database>, orgId: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('username')
    .execute()
  return rows.map(toUser)
}

export async function listTokens(db: Kysely<Database>, orgId: string): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map(toApiToken)
}

/** The organisation's users' names (`activeOnly`: those not disabled, by name), to show who is who. */
export async function userNamesOf(
  db: Kysely<Database>,
  orgId: string,
  options: { readonly activeOnly: boolean } = { activeOnly: false },
): Promise<{ id: string; display_name: string }[]> {
  let query = db.selectFrom('users').select(['id', 'display_name']).where('org_id', '=', orgId)
  if (options.activeOnly) query = query.where('disabled', '=', false).orderBy('display_name')
  return query.execute()
}

/** A user's display name; undefined when there is no such user. */
export async function displayNameOf(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst()
  return row?.display_name
}

/** These accounts (by username) with their organisation's name and sealed TOTP secret (the demo sign-in page). */
export async function demoAccountRows(db: Kysely<Database>, usernames: readonly string[]) {
  if (usernames.length === 0) return []
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.id', 'users.username', 'users.totp_secret', 'organisations.name'])
    .where('users.username', 'in', [...usernames])
    .execute()
}
