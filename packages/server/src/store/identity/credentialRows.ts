import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** The API token of this secret hash with its creator's standing; undefined when there is none. */
export async function tokenBySecretHash(db: Kysely<Database>, secretHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.org_id',
      'api_tokens.scopes',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.roles',
      'users.disabled',
    ])
    .where('api_tokens.secret_hash', '=', secretHash)
    .executeTakeFirst()
}

/** Notes that an API token was used now. */
export async function touchApiToken(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute()
}

/** The session of this secret hash with its user; undefined when there is none. */
export async function sessionBySecretHash(db: Kysely<Database>, secretHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.stage',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.ended_at',
      'users.id as user_id',
      'users.username',
      'users.org_id',
      'users.roles',
      'users.disabled',
    ])
    .where('sessions.secret_hash', '=', secretHash)
    .executeTakeFirst()
}

/** Ends one session now. */
export async function endSession(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: at }).where('id', '=', id).execute()
}

/** Notes that a session was seen now. */
export async function touchSession(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute()
}

/** An API token's standing (revoked, expired, its creator disabled); undefined when there is none. */
export async function tokenStanding(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select(['api_tokens.revoked_at', 'api_tokens.expires_at', 'users.disabled'])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst()
}

/** A session's standing (ended, its times, its user's standing and roles); undefined when there is none. */
export async function sessionStanding(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.ended_at',
      'users.disabled',
      'users.roles',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst()
}
