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
