import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OrganisationsCache, RunningNode } from '@liaison/server'
import { addOrganisation, loadAudienceFacts, organisationsCache, startNode } from '@liaison/server'
import { sql } from 'kysely'
import { testEngines } from '../support/engines.ts'
import type { TestNode } from '../support/testNode.ts'
import { captureLog, startTestNode, testConfig } from '../support/testNode.ts'

// two processes of one node share a PostgreSQL database; PGlite is one process and caches nothing
const all = await testEngines()
const engines = all.filter((e) => e.name === 'postgres')
const system = { kind: 'system', label: 'test' } as const

describe.each(engines)('the organisations cache across two processes on $name', () => {
  let node: TestNode
  let second: RunningNode
  let cache: OrganisationsCache
  beforeEach(async () => {
    node = await startTestNode(engines[0]!)
    second = await startNode({ config: testConfig(node.storeOptions), log: captureLog().log, listen: false })
    cache = organisationsCache(node.deps.store, node.deps.nodeId, captureLog().log)
  })
  afterEach(async () => {
    await cache.close()
    await second.close()
    await node.dispose()
  })

  const ids = () => (cache.current() ?? []).map((o) => o.id)
  const add = (deps: RunningNode['deps'], code: string) =>
    addOrganisation(deps, {
      organisation: { code, name: `Organisation ${code}`, kind: 'partner', country: 'BE' },
      caller: system,
      source: 'test',
    })

  it('holds the node organisations once it listens, and an organisation added by another process at once after', async () => {
    await expect.poll(() => cache.current()?.some((o) => o.kind === 'centre'), { timeout: 2_000 }).toBe(true)
    const added = await add(second.deps, 'police')
    await expect.poll(ids, { timeout: 500, interval: 5 }).toContain(added.id)
  })

  it('caches: a change made with the trigger off is not seen until a notified one drops the list', async () => {
    await expect.poll(() => cache.current() !== null, { timeout: 2_000 }).toBe(true)
    const db = node.deps.store.db
    await sql`alter table organisations disable trigger organisations_changed`.execute(db)
    const quiet = await add(second.deps, 'quiet')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(ids()).not.toContain(quiet.id)
    await sql`alter table organisations enable trigger organisations_changed`.execute(db)
    const loud = await add(second.deps, 'loud')
    await expect.poll(ids, { timeout: 500, interval: 5 }).toContain(loud.id)
    expect(ids()).toContain(quiet.id)
  })

  it('the audience of an event in the other process includes an organisation that process has not cached yet', async () => {
    await expect.poll(() => second.deps.organisations?.current() !== null, { timeout: 2_000 }).toBe(true)
    // the new organisation owns its own event: not in the cached list, so read in the transaction
    const fire = await add(second.deps, 'fire')
    const row = await node.deps.store.db
      .selectFrom('events')
      .select('audience')
      .where('kind', '=', 'organisation.added')
      .where('subject', '=', fire.id)
      .executeTakeFirstOrThrow()
    expect(row.audience).toContain(fire.id)
  })
})

describe.each(all)('audience facts on $name', (engine) => {
  let node: TestNode
  beforeEach(async () => {
    node = await startTestNode(engine)
  })
  afterEach(async () => node.dispose())

  it('come from the cached list for the daily log and the node, and from the store for a case, a group or an owner it lacks', async () => {
    const db = node.deps.store.db
    const organisations = [
      { id: '01890000-0000-7000-8000-000000000001', kind: 'centre' },
      { id: '01890000-0000-7000-8000-000000000002', kind: 'partner' },
    ]
    const owners = [organisations[1]!.id]
    const cached = await loadAudienceFacts(db, node.deps.nodeId, [{ kind: 'national' }], {
      organisations,
      owners,
    })
    // nothing read: these ids are not in the store at all
    expect(cached.nodeOrgIds).toEqual(organisations.map((o) => o.id))
    expect(cached.centreOrgId).toBe(organisations[0]!.id)
    // a case the action read: its owner and participants as the action gave them, nothing read
    const caseId = '01890000-0000-7000-8000-0000000000dd'
    const known = await loadAudienceFacts(db, node.deps.nodeId, [{ kind: 'case', caseId }], {
      organisations,
      owners,
      cases: new Map([[caseId, [organisations[1]!.id]]]),
    })
    expect(known.nodeOrgIds).toEqual(organisations.map((o) => o.id))
    expect(known.caseParticipants.get(caseId)).toEqual([organisations[1]!.id])
    const stored = (await db.selectFrom('organisations').select('id').execute()).map((r) => r.id)
    for (const [distributions, why] of [
      [[{ kind: 'case', caseId: '01890000-0000-7000-8000-0000000000aa' }], 'a case'],
      [[{ kind: 'group', groupId: '01890000-0000-7000-8000-0000000000bb' }], 'a group'],
    ] as const) {
      const read = await loadAudienceFacts(db, node.deps.nodeId, distributions, { organisations, owners })
      expect(read.nodeOrgIds.toSorted(), why).toEqual(stored.toSorted())
    }
    const lacking = await loadAudienceFacts(db, node.deps.nodeId, [{ kind: 'organisation' }], {
      organisations,
      owners: ['01890000-0000-7000-8000-0000000000cc'],
    })
    expect(lacking.nodeOrgIds.toSorted()).toEqual(stored.toSorted())
  })
})
