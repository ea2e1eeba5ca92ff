import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Every change to `organisations` notifies the channel `liaison_organisations`, from whichever
 * process or tool makes it, so that every process drops its cached list of the node's
 * organisations at the commit (the audience of an event; `store/organisationsCache.ts`).
 */
export const m0044_organisation_changes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create function liaison_organisations_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('liaison_organisations', '');
        return null;
      end $$`.execute(db)
    await sql`create trigger organisations_changed
      after insert or update or delete or truncate on organisations
      for each statement execute function liaison_organisations_changed()`.execute(db)
  },
}
