import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningNode } from '@liaison/server'
import { createToken, startNode } from '@liaison/server'
import { sql } from 'kysely'
import { testEngines } from '../support/engines.ts'
import { makeUser } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { captureLog, startTestNode, testConfig } from '../support/testNode.ts'

// two processes of one node share a PostgreSQL database; PGlite is one process and caches nothing
const engines = (await testEngines()).filter((e) => e.name === 'postgres')
const operator = { kind: 'operator', label: 'test' } as const

describe.each(engines)('API-token look-ups cached across two processes on $name (decision 021)', () => {
  let node: TestNode
  let second: RunningNode
  beforeEach(async () => {
    node = await startTestNode(engines[0]!)
    second = await startNode({ config: testConfig(node.storeOptions), log: captureLog().log, listen: false })
  })
  afterEach(async () => {
    await second.close()
    await node.dispose()
  })

  const writer = async () => {
    const officer = await makeUser(node, { roles: ['duty-officer'] })
    const { secret, token } = await createToken(node.deps, {
      caller: operator,
      username: officer.user.username,
      name: 'gateway',
      scopes: ['read', 'cases.write'],
      expiresInDays: 1,
      source: 'test',
    })
    return { officer, tokenId: token.id, bearer: { authorization: `Bearer ${secret}` } }
  }
  const status = async (app: RunningNode['app'], headers: Record<string, string>) =>
    (await app.inject({ url: '/api/v1/organisations', headers })).statusCode

  it('a token revoked in one process is refused by the other at its next request', async () => {
    const { tokenId, bearer } = await writer()
    // the second process has read and cached it
    for (let i = 0; i < 3; i++) expect(await status(second.app, bearer)).toBe(200)
    await sql`update api_tokens set revoked_at = now() where id = ${tokenId}`.execute(node.deps.store.db)
    await expect.poll(() => status(second.app, bearer), { timeout: 200, interval: 5 }).toBe(401)
    expect(await status(second.app, bearer)).toBe(401)
  })

  it('a token whose user is disabled, or given other roles, is read again', async () => {
    const { officer, bearer } = await writer()
    const post = () =>
      second.app.inject({
        method: 'POST',
        url: '/api/v1/log',
        headers: bearer,
        payload: { discipline: 'multidisciplinary', source: 'radio', text: 'cached' },
      })
    const first = await post()
    expect(first.statusCode).toBe(201)
    // the author's name, read by the entry's insert (no look-up of its own)
    expect(first.json<{ authorName: string }>().authorName).toBe(officer.user.displayName)
    // the creator loses the role that may write: the token's writes stop with it
    await sql`update users set roles = ${['viewer']}::text[] where id = ${officer.user.id}`.execute(
      node.deps.store.db,
    )
    await expect.poll(async () => (await post()).statusCode, { timeout: 200, interval: 5 }).toBe(403)
    await sql`update users set disabled = true where id = ${officer.user.id}`.execute(node.deps.store.db)
    await expect.poll(() => status(second.app, bearer), { timeout: 200, interval: 5 }).toBe(401)
  })

  it('caches: a change the triggers do not watch is not seen until a watched one drops the cache', async () => {
    const { tokenId, bearer } = await writer()
    expect(await status(second.app, bearer)).toBe(200)
    // expiry set in the past without notifying (as if written before migration 0027): still cached
    await sql`alter table api_tokens disable trigger api_tokens_credentials_changed`.execute(
      node.deps.store.db,
    )
    await sql`update api_tokens set expires_at = now() - interval '1 hour' where id = ${tokenId}`.execute(
      node.deps.store.db,
    )
    await sql`alter table api_tokens enable trigger api_tokens_credentials_changed`.execute(
      node.deps.store.db,
    )
    expect(await status(second.app, bearer)).toBe(200)
    await sql`select pg_notify('liaison_credentials', '')`.execute(node.deps.store.db)
    await expect.poll(() => status(second.app, bearer), { timeout: 200, interval: 5 }).toBe(401)
  })
})
