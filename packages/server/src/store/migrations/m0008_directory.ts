import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

export const m0008_directory: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('map_features')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('geometry', 'jsonb', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'uuid', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('removed_at', 'timestamptz')
      .execute()
    await db.schema.createIndex('map_features_case').on('map_features').column('case_id').execute()

    await db.schema
      .createTable('contacts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('point-of-contact', 'person', 'building', 'infrastructure')`),
      )
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('organisation_name', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('phones', 'jsonb', (c) => c.notNull())
      .addColumn('emails', sql`text[]`, (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('lon', 'double precision')
      .addColumn('lat', 'double precision')
      .addColumn('available_24_7', 'boolean', (c) => c.notNull())
      .addColumn('revalidate_by', 'date', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('search', sql`tsvector`, (c) =>
        c
          .generatedAlwaysAs(
            sql`to_tsvector('simple', liaison_fold(name || ' ' || role || ' ' || organisation_name || ' ' || region))`,
          )
          .stored(),
      )
      .execute()
    await sql`create index contacts_search on contacts using gin (search)`.execute(db)

    await db.schema
      .createTable('plans')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'date')
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('case_plans')
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
      .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
      .addColumn('activated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('activated_by', 'uuid', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_plans_pk', ['case_id', 'plan_id'])
      .execute()
  },
}
