import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

export const m0003_cases: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table events add column audience uuid[]`.execute(db)

    // accent- and case-blind search across FR, NL, DE and EN: 'simple' words over unaccented text
    await sql`create extension if not exists unaccent`.execute(db)
    await sql`create or replace function liaison_fold(text) returns text
      language sql immutable parallel safe strict
      as $$ select lower(unaccent('unaccent'::regdictionary, $1)) $$`.execute(db)

    await db.schema
      .createTable('cases')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('incident', 'planned-event')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('actual', 'exercise', 'test')`))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('lon', 'double precision')
      .addColumn('lat', 'double precision')
      .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
      .addColumn('ends_at', 'timestamptz')
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'monitoring', 'closed')`))
      .addColumn('disciplines', sql`text[]`, (c) => c.notNull())
      .addColumn('scaling_doctrine', 'text')
      .addColumn('scaling_level', 'text')
      .addColumn('participants', sql`uuid[]`, (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'uuid', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('cases_owner').on('cases').columns(['owner_org_id', 'state']).execute()
    await sql`create index cases_participants on cases using gin (participants)`.execute(db)

    await db.schema
      .createTable('log_entries')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('case_id', 'uuid', (c) => c.references('cases.id'))
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('author_id', 'uuid', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .addColumn('discipline', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('lon', 'double precision')
      .addColumn('lat', 'double precision')
      .addColumn('supersedes', 'uuid', (c) => c.references('log_entries.id'))
      .addColumn('search', sql`tsvector`, (c) =>
        c.generatedAlwaysAs(sql`to_tsvector('simple', liaison_fold(text))`).stored(),
      )
      .execute()
    await db.schema
      .createIndex('log_entries_case')
      .on('log_entries')
      .columns(['case_id', 'occurred_at'])
      .execute()
    await db.schema
      .createIndex('log_entries_org_daily')
      .on('log_entries')
      .columns(['org_id', 'recorded_at'])
      .execute()
    await sql`create index log_entries_search on log_entries using gin (search)`.execute(db)
  },
}
