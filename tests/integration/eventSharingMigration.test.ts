import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '@liaison/server'
import { migrate, migrations, openStore } from '@liaison/server'
import { testEngines } from '../support/engines.ts'

const engines = await testEngines()

const ids = {
  centre: '01900000-0000-7000-8000-000000000001',
  police: '01900000-0000-7000-8000-000000000002',
  case: '01900000-0000-7000-8000-000000000010',
  user: '01900000-0000-7000-8000-000000000020',
  task: '01900000-0000-7000-8000-000000000030',
}

/**
 * m0021: events written before it get a distribution from their old audience (none: national; a
 * list: case when the event is about a case, else organisation), their case's status, TLP:AMBER,
 * schema version 1 and an audience that is never null; tasks get their owner.
 */
describe.each(engines.map((e) => [e.name, e] as const))('m0021 on old events, on %s', (name, engine) => {
  let store: Store
  let dispose: () => Promise<void>
  beforeAll(async () => {
    if (name === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'liaison-m0021-'))
      store = await openStore({ engine: 'pglite', dataDir: join(dir, 'db') })
      dispose = async () => rmSync(dir, { recursive: true, force: true })
    } else {
      const fresh = await engine.fresh()
      store = await openStore(fresh.options)
      dispose = () => fresh.dispose()
    }
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    })
    const upTo = await migrator.migrateTo('0020_list_indexes')
    if (upTo.error) throw new Error('could not migrate to 0020', { cause: upTo.error })
    const db = store.db
    await sql`insert into node_meta (key, value) values ('node.id', '"be"')`.execute(db)
    await sql`insert into organisations (id, node_id, code, name, kind, country, created_at) values
      (${ids.centre}, 'be', 'centre', 'NCCN', 'centre', 'BE', now()),
      (${ids.police}, 'be', 'police', 'Police', 'partner', 'BE', now())`.execute(db)
    await sql`insert into cases (id, owner_org_id, kind, status, type, title, description, starts_at, severity,
        state, disciplines, participants, created_at, created_by, updated_at)
      values (${ids.case}, ${ids.police}, 'incident', 'exercise', 'flood', 'Crue', '', now(), 'major', 'open',
        '{}', ${`{${ids.centre}}`}::uuid[], now(), ${ids.user}, now())`.execute(db)
    // the task's creator works for the centre, though the police own the case
    await sql`insert into users (id, org_id, username, display_name, roles, password_hash, created_at)
      values (${ids.user}, ${ids.centre}, 'agent', 'Agent', '{}', 'x', now())`.execute(db)
    await sql`insert into tasks (id, case_id, title, description, assignee_org_id, state, priority, created_by,
        created_at, updated_at)
      values (${ids.task}, ${ids.case}, 'Digue', '', ${ids.centre}, 'open', 'normal', ${ids.user}, now(), now())`.execute(
      db,
    )
    const both = `{${[ids.centre, ids.police].sort().join(',')}}`
    await sql`insert into events (seq, id, at, kind, subject, org_id, audience, body) values
      (1, gen_random_uuid(), now(), 'organisation.added', ${ids.centre}, ${ids.centre}, null, '{"kind":"organisation.added"}'),
      (2, gen_random_uuid(), now(), 'case.opened', ${ids.case}, ${ids.police}, ${both}::uuid[], '{"kind":"case.opened"}'),
      (3, gen_random_uuid(), now(), 'task.created', ${ids.task}, ${ids.police}, ${both}::uuid[],
        ${JSON.stringify({ kind: 'task.created', task: { caseId: ids.case } })}::jsonb),
      (4, gen_random_uuid(), now(), 'roster.changed', ${ids.police}, ${ids.police}, ${`{${ids.police}}`}::uuid[], '{"kind":"roster.changed"}'),
      (5, gen_random_uuid(), now(), 'plan.saved', 'p1', null, null, '{"kind":"plan.saved"}')`.execute(db)
    await migrate(db)
  })
  afterAll(async () => {
    await store.close()
    await dispose()
  })

  it('derives each old event a distribution, a status, a TLP, a version and an audience', async () => {
    const rows = await store.db
      .selectFrom('events')
      .select(['seq', 'origin', 'org_id', 'status', 'distribution', 'tlp', 'schema_version', 'audience'])
      .orderBy('seq')
      .execute()
    const everyone = [ids.centre, ids.police].sort()
    expect(rows.map((r) => ({ ...r, seq: Number(r.seq) }))).toEqual([
      {
        seq: 1,
        origin: 'be',
        org_id: ids.centre,
        status: 'actual',
        distribution: { kind: 'national' },
        tlp: 'AMBER',
        schema_version: 1,
        audience: everyone,
      },
      {
        seq: 2,
        origin: 'be',
        org_id: ids.police,
        status: 'exercise',
        distribution: { kind: 'case', caseId: ids.case },
        tlp: 'AMBER',
        schema_version: 1,
        audience: everyone,
      },
      {
        seq: 3,
        origin: 'be',
        org_id: ids.police,
        status: 'exercise',
        distribution: { kind: 'case', caseId: ids.case },
        tlp: 'AMBER',
        schema_version: 1,
        audience: everyone,
      },
      {
        seq: 4,
        origin: 'be',
        org_id: ids.police,
        status: 'actual',
        distribution: { kind: 'organisation' },
        tlp: 'AMBER',
        schema_version: 1,
        audience: [ids.police],
      },
      // an event that named no organisation is the centre's
      {
        seq: 5,
        origin: 'be',
        org_id: ids.centre,
        status: 'actual',
        distribution: { kind: 'national' },
        tlp: 'AMBER',
        schema_version: 1,
        audience: everyone,
      },
    ])
  })

  it('gives each task an owner: the organisation of whoever set it', async () => {
    const task = await store.db.selectFrom('tasks').select('owner_org_id').executeTakeFirstOrThrow()
    expect(task.owner_org_id).toBe(ids.centre)
  })
})
