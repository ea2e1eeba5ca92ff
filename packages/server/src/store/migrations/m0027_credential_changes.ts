import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Every change that can make a cached API-token look-up wrong (a token revoked, deleted, its
 * scopes or expiry changed; its user disabled, deleted or given other roles) notifies the channel
 * `liaison_credentials`, from whichever process or tool makes it, so that every process drops its
 * token cache at the commit (decision 021). Touching `last_used_at` does not notify.
 */
export const m0027_credential_changes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create function liaison_credentials_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('liaison_credentials', '');
        return null;
      end $$`.execute(db)
    await sql`create trigger api_tokens_credentials_changed
      after update of revoked_at, expires_at, scopes, created_by, org_id, secret_hash or delete on api_tokens
      for each statement execute function liaison_credentials_changed()`.execute(db)
    await sql`create trigger users_credentials_changed
      after update of disabled, roles, org_id or delete on users
      for each statement execute function liaison_credentials_changed()`.execute(db)
  },
}
