import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import { runCliHere } from '../support/runCli.ts'
import type { TestNode } from '../support/testNode.ts'
import { cliNodeFlags, startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

describe.each(engines)('CAP sources on $name', (engine) => {
  let node: TestNode
  let admin: TestSession
  let duty: TestSession
  beforeAll(async () => {
    node = await startTestNode(engine)
    admin = await signedInAs(node, ['admin'])
    duty = await signedInAs(node, ['duty-officer'])
  })
  afterAll(async () => node.dispose())

  const post = (s: TestSession, payload: object) =>
    node.app.inject({ method: 'POST', url: '/api/v1/cap-sources', headers: s.headers(), payload })
  // disabled: nothing polls these addresses
  const knmi = { name: 'KNMI', url: 'https://knmi.example/cap/feed.atom', pollSeconds: 60, enabled: false }

  it('an administrator adds a source, sees it listed as waiting, and the add is audited', async () => {
    const added = await post(admin, knmi)
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({
      ...knmi,
      staleAfterSeconds: 3600,
      state: 'waiting',
      lastError: null,
      skipped: [],
    })
    const listed = await node.app.inject({
      method: 'GET',
      url: '/api/v1/cap-sources',
      headers: admin.headers(),
    })
    expect(listed.json<{ items: { name: string }[] }>().items.map((s) => s.name)).toEqual(['KNMI'])
    const audit = await node.deps.store.db
      .selectFrom('audit')
      .select(['outcome', 'target'])
      .where('action', '=', 'cap-source.add')
      .execute()
    expect(audit).toEqual([{ outcome: 'ok', target: added.json<{ id: string }>().id }])
  })

  it('refuses a taken name (409, with its reason), a bad address or interval (400, naming the field), and a duty officer (403)', async () => {
    const taken = await post(admin, { ...knmi, url: 'https://other.example/feed' })
    expect(taken.statusCode).toBe(409)
    expect(taken.json()).toMatchObject({ error: { reason: 'cap_source_name_taken' } })
    const file = await post(admin, { ...knmi, name: 'local', url: 'file:///etc/passwd' })
    expect(file.statusCode).toBe(400)
    expect(file.body).toMatch(/url/)
    const short = await post(admin, { ...knmi, name: 'short', pollSeconds: 600, staleAfterSeconds: 300 })
    expect(short.statusCode).toBe(400)
    expect(short.body).toMatch(/staleAfterSeconds/)
    expect((await post(duty, { ...knmi, name: 'duty' })).statusCode).toBe(403)
    const refused = await node.deps.store.db
      .selectFrom('audit')
      .select('outcome')
      .where('action', '=', 'cap-source.add')
      .where('outcome', '!=', 'ok')
      .execute()
    expect(refused.length).toBeGreaterThanOrEqual(2)
  })

  it('removes a source (204), then answers 404 for it', async () => {
    const added = await post(admin, { ...knmi, name: 'MeteoLux', url: 'https://meteolux.example/cap.xml' })
    const id = added.json<{ id: string }>().id
    const url = `/api/v1/cap-sources/${id}`
    expect((await node.app.inject({ method: 'DELETE', url, headers: duty.headers() })).statusCode).toBe(403)
    expect((await node.app.inject({ method: 'DELETE', url, headers: admin.headers() })).statusCode).toBe(204)
    expect((await node.app.inject({ method: 'DELETE', url, headers: admin.headers() })).statusCode).toBe(404)
  })
})

describe.each(engines)('liaison cap source on $name', (engine) => {
  let db: Awaited<ReturnType<typeof engine.fresh>>
  let flags: string[]
  beforeAll(async () => {
    db = await engine.fresh()
    flags = cliNodeFlags(db.options)
  })
  afterAll(async () => db.dispose())

  it('adds, lists and removes a source; a taken name and a wrong interval are refused', async () => {
    const add = await runCliHere([
      'cap',
      'source',
      'add',
      ...flags,
      'DWD',
      'https://dwd.example/feed.rss',
      '--poll',
      '120',
      '--disabled',
    ])
    expect(add.code).toBe(0)
    expect(add.stdout).toMatch(
      /^added CAP source [0-9a-f-]{36} \(DWD\): https:\/\/dwd\.example\/feed\.rss\n$/,
    )
    const again = await runCliHere(['cap', 'source', 'add', ...flags, 'DWD', 'https://dwd.example/other'])
    expect(again.code).not.toBe(0)
    expect(again.stderr).toMatch(/DWD/)
    const wrong = await runCliHere([
      'cap',
      'source',
      'add',
      ...flags,
      'X',
      'https://x.example/',
      '--poll',
      'often',
    ])
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toMatch(/pollSeconds/)
    const list = await runCliHere(['cap', 'source', 'list', ...flags])
    expect(list.code).toBe(0)
    expect(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as object),
    ).toEqual([
      expect.objectContaining({
        name: 'DWD',
        pollSeconds: 120,
        enabled: false,
        state: 'waiting',
        lastError: null,
      }),
    ])
    const remove = await runCliHere(['cap', 'source', 'remove', ...flags, 'DWD'])
    expect(remove.stdout).toMatch(/^removed CAP source .* \(DWD\)\n$/)
    expect((await runCliHere(['cap', 'source', 'remove', ...flags, 'DWD'])).code).toBe(66)
    expect((await runCliHere(['cap', 'source', 'list', ...flags])).stdout).toBe('')
  })
})
