import { describe, expect, it } from 'vitest'
import { sha256Hex, startNode, verifyAuditChain } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import { signedInAs } from '../support/identity.ts'
import { captureLog, startTestNode, testConfig } from '../support/testNode.ts'

const engines = await testEngines()

describe.each(engines.map((e) => [e.name, e] as const))('rate limits on %s', (_name, engine) => {
  it('counts sign-in attempts in the database: another process (or a restart) goes on counting', async () => {
    const first = await startTestNode(engine)
    const attempt = (node: { app: typeof first.app }, from: string) =>
      node.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'nobody', password: 'guess' },
        remoteAddress: from,
      })
    try {
      for (let i = 0; i < 6; i++) expect((await attempt(first, '10.9.9.9')).statusCode).toBe(401)
      await first.close()
      // the same node started again on the same database: a second process, or a restart
      const second = await startNode({
        config: testConfig(first.storeOptions),
        log: captureLog().log,
        listen: false,
      })
      try {
        const answers: number[] = []
        for (let i = 0; i < 6; i++) answers.push((await attempt(second, '10.9.9.9')).statusCode)
        expect(answers).toEqual([401, 401, 401, 401, 429, 429])
        const refused = await attempt(second, '10.9.9.9')
        expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
          code: 'rate_limited',
          message: expect.stringMatching(/^too many requests; try again in \d+ s$/) as string,
        })
        // another address has its own count
        expect((await attempt(second, '10.9.9.10')).statusCode).toBe(401)
      } finally {
        await second.close()
      }
    } finally {
      await first.dispose()
    }
  })

  it('answers 429 to a source past its budget of failed authentications in every process, and audits its refusals in a few rows, not one each', async () => {
    const limits = { 'http.authFailuresPerAddress': 50, 'http.authFailureWindowSeconds': 6 }
    const first = await startTestNode(engine, { config: limits })
    // on PostgreSQL, a second process of the same node (PGlite has only one)
    const second =
      engine.name === 'postgres'
        ? await startNode({
            config: testConfig(first.storeOptions, limits),
            log: captureLog().log,
            listen: false,
          })
        : null
    const attacker = '10.66.0.1'
    const badBearer = (node: { app: typeof first.app }) =>
      node.app.inject({
        url: '/api/v1/organisations',
        headers: { authorization: `Bearer ${Math.random().toString(36).slice(2)}` },
        remoteAddress: attacker,
      })
    const auditOf = async (source: string) =>
      first.deps.store.db
        .selectFrom('audit')
        .select(['code', 'action', 'details'])
        .where('source', '=', source)
        .orderBy('seq')
        .execute()
    const counted = (rows: Awaited<ReturnType<typeof auditOf>>) =>
      rows
        .filter((r) => r.details?.['refused'] !== undefined)
        .reduce((sum, r) => sum + Number(r.details?.['refused']), 0)
    try {
      const officer = await signedInAs(first, ['viewer'])
      const statuses: number[] = []
      for (let batch = 0; batch < 10; batch++)
        statuses.push(
          ...(await Promise.all(Array.from({ length: 30 }, () => badBearer(first)))).map((r) => r.statusCode),
        )
      expect(statuses.filter((s) => s === 401)).toHaveLength(50)
      expect(statuses.filter((s) => s === 429)).toHaveLength(250)
      const refused = await badBearer(first)
      expect(refused.statusCode).toBe(429)
      expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'rate_limited',
        message: expect.stringMatching(
          /^too many failed authentications from 10\.66\.0\.1; try again in \d+ s$/,
        ) as string,
      })
      // another process of the node: the count is shared, so its first failure is refused too
      if (second) expect((await badBearer(second)).statusCode).toBe(429)
      const sent = second ? 302 : 301
      // one row says the refusing began
      const opened = (await auditOf(attacker)).filter((r) => r.details?.['limit'] !== undefined)
      expect(opened).toHaveLength(1)
      expect(opened[0]).toMatchObject({
        code: 'rate_limited',
        action: 'http:authentication',
        details: {
          limit: 50,
          windowSeconds: 6,
          message: expect.stringContaining('more than 50 failed authentications from 10.66.0.1') as string,
        },
      })
      // a legitimate caller elsewhere is served meanwhile
      const served = await first.app.inject({
        url: '/api/v1/organisations',
        headers: officer.headers(),
        remoteAddress: '10.1.1.1',
      })
      expect(served.statusCode).toBe(200)

      // every refusal is counted, in one row per process and window of 6 s (these requests span one
      // or two), written when the window ends: a few rows for 300 requests, not one each
      await expect
        .poll(async () => counted(await auditOf(attacker)), { timeout: 20_000, interval: 200 })
        .toBe(sent)
      const rows = await auditOf(attacker)
      expect(rows.length).toBeLessThanOrEqual(second ? 5 : 3)
      const tallies = rows.filter((r) => r.details?.['refused'] !== undefined)
      const codes = tallies.map((r) => r.details?.['codes'] as Record<string, number>)
      expect(codes.reduce((n, c) => n + (c['session_invalid'] ?? 0), 0)).toBe(50)
      expect(codes.reduce((n, c) => n + (c['rate_limited'] ?? 0), 0)).toBe(sent - 50)
      expect(tallies[0]).toMatchObject({
        action: 'http:authentication',
        details: {
          message: expect.stringMatching(
            /^\d+ requests? (was|were) refused authentication from 10\.66\.0\.1 between /,
          ) as string,
        },
      })
      // the chain still verifies with the counted rows in it
      expect(await verifyAuditChain(first.deps.store.db, sha256Hex)).toMatchObject({ ok: true })

      // when the budget's window ends, the source is heard again
      await expect
        .poll(async () => (await badBearer(first)).statusCode, { timeout: 15_000, interval: 500 })
        .toBe(401)
      if (second) expect((await badBearer(second)).statusCode).toBe(401)
    } finally {
      await second?.close()
      await first.dispose()
    }
  }, 60_000)

  it('counts unknown session cookies and CSRF failures too, but not requests without a credential', async () => {
    const node = await startTestNode(engine, { config: { 'http.authFailuresPerAddress': 2 } })
    try {
      const cookieName = `liaison_session_${node.deps.nodeId}`
      const statuses = async (count: number, request: () => Promise<{ statusCode: number }>) => {
        const answers: number[] = []
        for (let i = 0; i < count; i++) answers.push((await request()).statusCode)
        return answers
      }
      // no credential at all: never counted
      expect(
        await statuses(4, () =>
          node.app.inject({ url: '/api/v1/organisations', remoteAddress: '10.77.0.1' }),
        ),
      ).toEqual([401, 401, 401, 401])
      expect(
        await statuses(3, () =>
          node.app.inject({
            url: '/api/v1/organisations',
            headers: { cookie: `${cookieName}=forged` },
            remoteAddress: '10.77.0.1',
          }),
        ),
      ).toEqual([401, 401, 429])

      const officer = await signedInAs(node, ['duty-officer'])
      const withoutCsrf = () =>
        node.app.inject({
          method: 'DELETE',
          url: '/api/v1/session',
          headers: { cookie: officer.cookie },
          remoteAddress: '10.78.0.1',
        })
      expect(await statuses(3, withoutCsrf)).toEqual([403, 403, 429])
      // while the address is refused, even a good session from it is: nothing is looked up
      const good = await node.app.inject({
        url: '/api/v1/organisations',
        headers: officer.headers(),
        remoteAddress: '10.78.0.1',
      })
      expect(good.statusCode).toBe(429)
      // and from elsewhere it is served
      const elsewhere = await node.app.inject({
        url: '/api/v1/organisations',
        headers: officer.headers(),
        remoteAddress: '10.79.0.1',
      })
      expect(elsewhere.statusCode).toBe(200)
    } finally {
      await node.dispose()
    }
  })
})
