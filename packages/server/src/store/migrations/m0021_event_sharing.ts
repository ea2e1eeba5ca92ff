import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/** What a stored distribution must look like: one of the six kinds, with what that kind names (null fails too). */
const distributionCheck = sql`coalesce(jsonb_typeof(distribution) = 'object' and case distribution->>'kind'
  when 'organisation' then true
  when 'national' then true
  when 'federation' then true
  when 'case' then jsonb_typeof(distribution->'caseId') = 'string'
  when 'group' then jsonb_typeof(distribution->'groupId') = 'string'
  when 'neighbours' then jsonb_typeof(distribution->'nodes') = 'array' and distribution->'nodes' <> '[]'::jsonb
  else false end, false)`

/**
 * Every event names its origin node, owner organisation, status, distribution, TLP and schema
 * version (decision 014); none may be missing, and the database refuses an event without a
 * distribution. Events already written get a distribution from their old audience (none: the whole
 * node, `national`; a list: `case` when the event is about a case, else `organisation`), the
 * status of their case, TLP:AMBER and schema version 1; their audience becomes a list, never null.
 * Tasks name the organisation that owns them. Sharing groups get their local members.
 */
export const m0021_event_sharing: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const table of ['events', 'pending_events'] as const) {
      const t = sql.table(table)
      const key = sql.ref(table === 'events' ? 'seq' : 'pending')
      await sql`alter table ${t}
        add column origin text,
        add column status text,
        add column distribution jsonb,
        add column tlp text,
        add column schema_version integer`.execute(db)
      await sql`update ${t} set
        origin = coalesce((select value #>> '{}' from node_meta where key = 'node.id'), 'local'),
        tlp = 'AMBER',
        schema_version = 1`.execute(db)
      await sql`update ${t} set org_id = coalesce(
          (select id from organisations where kind = 'centre' order by created_at limit 1),
          (select id from organisations order by created_at limit 1))
        where org_id is null`.execute(db)
      await sql`with about as (
          select ${key} as key, coalesce(
            (select c.id::text from cases c where c.id::text = subject),
            body->'entry'->>'caseId', body->'task'->>'caseId', body->'decision'->>'caseId',
            body->'sitrep'->>'caseId', body->'feature'->>'caseId', body->'attachment'->>'caseId',
            body->>'caseId') as case_id
          from ${t})
        update ${t} set distribution = case
          when audience is null then '{"kind":"national"}'::jsonb
          when about.case_id is not null then jsonb_build_object('kind', 'case', 'caseId', about.case_id)
          else '{"kind":"organisation"}'::jsonb end
        from about where about.key = ${t}.${key}`.execute(db)
      await sql`update ${t} set status = coalesce(
        (select c.status from cases c where c.id::text = ${t}.distribution->>'caseId'), 'actual')`.execute(db)
      await sql`update ${t} set audience = coalesce(
          (select array_agg(o.id order by o.id) from organisations o where o.node_id = ${t}.origin), '{}')
        where audience is null`.execute(db)
      await sql`alter table ${t}
        alter column org_id set not null,
        alter column origin set not null,
        alter column status set not null,
        alter column distribution set not null,
        alter column tlp set not null,
        alter column schema_version set not null,
        alter column audience set not null,
        add constraint ${sql.ref(`${table}_status`)} check (status in ('actual', 'exercise', 'test')),
        add constraint ${sql.ref(`${table}_tlp`)} check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
        add constraint ${sql.ref(`${table}_distribution`)} check (${distributionCheck}),
        add constraint ${sql.ref(`${table}_red_named`)}
          check (tlp <> 'RED' or distribution->>'kind' in ('organisation', 'case', 'group'))`.execute(db)
    }

    await sql`alter table tasks add column owner_org_id uuid references organisations(id)`.execute(db)
    await sql`update tasks set owner_org_id = coalesce(
      (select u.org_id from users u where u.id::text = tasks.created_by::text),
      (select c.owner_org_id from cases c where c.id = tasks.case_id))`.execute(db)
    await sql`alter table tasks alter column owner_org_id set not null`.execute(db)

    await db.schema
      .createTable('sharing_group_members')
      .addColumn('group_id', 'uuid', (c) => c.notNull())
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addPrimaryKeyConstraint('sharing_group_members_pk', ['group_id', 'org_id'])
      .execute()
  },
}
