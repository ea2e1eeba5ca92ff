import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import { openSse } from '../support/sseClient.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'

const engines = await testEngines()
const operator = { kind: 'operator', label: 'test' } as const
const metricsToken = 'scraper-secret-0123456789abcdef'

describe.each(engines.map((e) => [e.name, e] as const))('limits on %s', (_name, engine) => {
  let node: TestNode
  let viewer: TestSession & { account: { user: { username: string } } }
  let webDir: string
  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'liaison-web-'))
    mkdirSync(join(webDir, 'assets'))
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Liaison</title>')
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)')
    node = await startTestNode(engine, {
      listen: true,
      config: {
        'http.host': '127.0.0.1',
        'http.webDir': webDir,
        'http.streamsPerPrincipal': 2,
        'http.streamsPerAddress': 3,
        'metrics.allow': '127.0.0.0/8,192.0.2.0/24',
        'metrics.token': metricsToken,
      },
    })
    viewer = await signedInAs(node, ['viewer'])
  })
  afterAll(async () => {
    await node.dispose()
  })

  const stream = (cookie: string) => openSse(`${node.url}/api/v1/stream?after=latest`, { cookie })
  /** The answer to a stream that should be refused (a stream that opens is cut at once). */
  const refusedStream = async (cookie: string) => {
    const controller = new AbortController()
    const response = await fetch(`${node.url}/api/v1/stream?after=latest`, {
      headers: { cookie },
      signal: controller.signal,
    })
    if (response.status === 200) {
      controller.abort()
      return { status: 200, body: null }
    }
    return {
      status: response.status,
      body: (await response.json()) as { error: { code: string; message: string } },
    }
  }

  it('caps the live streams of one session, says how many are open, and frees a place when one closes', async () => {
    const first = await stream(viewer.cookie)
    const second = await stream(viewer.cookie)
    try {
      expect(await refusedStream(viewer.cookie)).toEqual({
        status: 429,
        body: {
          error: {
            code: 'rate_limited',
            message: '2 live streams are already open for this session; the limit is 2: close one first',
          },
        },
      })
      await first.close()
      // the place is freed once the node sees the stream close
      let again: Awaited<ReturnType<typeof stream>> | undefined
      for (let i = 0; i < 50 && !again; i++) {
        again = await stream(viewer.cookie).catch(() => undefined)
        if (!again) await new Promise((r) => setTimeout(r, 50))
      }
      expect(again).toBeDefined()
      await again!.close()
    } finally {
      await Promise.all([first.close(), second.close()])
    }
  })

  it('caps the live streams of one address across sessions and tokens', async () => {
    const other = await signedInAs(node, ['viewer'])
    const { secret } = await createToken(node.deps, {
      caller: operator,
      username: viewer.account.user.username,
      name: 'wall screen',
      scopes: ['read'],
      expiresInDays: 1,
      source: 'test',
    })
    // wait until the streams of the test before have been let go
    await expect.poll(async () => (await node.deps.metrics.streamClients.get()).values[0]?.value).toBe(0)
    const open = [
      await stream(viewer.cookie),
      await stream(other.cookie),
      await openSse(`${node.url}/api/v1/stream?after=latest`, { authorization: `Bearer ${secret}` }),
    ]
    try {
      const refused = await refusedStream(other.cookie)
      expect(refused.status).toBe(429)
      expect(refused.body?.error.message).toBe(
        '3 live streams are already open from 127.0.0.1; the limit is 3: close one first',
      )
    } finally {
      await Promise.all(open.map((s) => s.close()))
    }
  })

  it('marks every /api/v1 answer no-store, errors included, and leaves the web application cached', async () => {
    const answers = await Promise.all([
      node.app.inject({ url: '/api/v1/organisations', headers: viewer.headers() }),
      node.app.inject({
        url: '/api/v1/cases/00000000-0000-7000-8000-000000000000',
        headers: viewer.headers(),
      }),
      node.app.inject({ url: '/api/v1/users', headers: viewer.headers() }),
      node.app.inject({ url: '/api/v1/organisations', headers: { authorization: 'Bearer nonsense' } }),
      node.app.inject({ url: '/api/v1/organisations' }),
      node.app.inject({ url: '/api/v1/no-such-route', headers: viewer.headers() }),
    ])
    expect(answers.map((a) => a.statusCode)).toEqual([200, 404, 403, 401, 401, 404])
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store')

    const page = await node.app.inject({ url: '/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['cache-control']).toBe('public, max-age=3600')
    const asset = await node.app.inject({ url: '/assets/app.js' })
    expect(asset.headers['cache-control']).toBe('public, max-age=3600')
  })

  it('serves /metrics to the allowed addresses and to the metrics token only', async () => {
    const scrape = (remoteAddress: string, authorization?: string) =>
      node.app.inject({ url: '/metrics', remoteAddress, headers: authorization ? { authorization } : {} })
    const auditRows = async () =>
      Number(
        (
          await node.deps.store.db
            .selectFrom('audit')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await auditRows()
    expect((await scrape('127.0.0.1')).statusCode).toBe(200)
    expect((await scrape('::ffff:127.0.0.1')).statusCode).toBe(200)
    expect((await scrape('192.0.2.44')).statusCode).toBe(200)
    expect((await scrape('198.51.100.7', `Bearer ${metricsToken}`)).statusCode).toBe(200)
    expect((await scrape('198.51.100.7', `Bearer ${metricsToken}`)).body).toContain(
      'liaison_http_requests_total',
    )

    const outsider = await scrape('198.51.100.7')
    expect(outsider.statusCode).toBe(403)
    expect(outsider.json<{ error: { code: string } }>().error.code).toBe('forbidden')
    expect(outsider.body).not.toContain('liaison_')
    const wrongToken = await scrape('127.0.0.1', 'Bearer not-the-metrics-token')
    expect(wrongToken.statusCode).toBe(401)
    expect(wrongToken.json<{ error: { code: string } }>().error.code).toBe('unauthenticated')
    // an API token is not the metrics token
    expect((await scrape('198.51.100.7', 'Bearer ' + 'x'.repeat(43))).statusCode).toBe(401)
    // knocking at /metrics writes nothing to the audit
    expect(await auditRows()).toBe(before)
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('/metrics by default on %s', (_name, engine) => {
  it('answers loopback only, and no token opens it', async () => {
    const node = await startTestNode(engine)
    try {
      expect((await node.app.inject({ url: '/metrics' })).statusCode).toBe(200)
      expect((await node.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200)
      expect((await node.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(403)
      expect(
        (
          await node.app.inject({
            url: '/metrics',
            remoteAddress: '10.1.2.3',
            headers: { authorization: 'Bearer x' },
          })
        ).statusCode,
      ).toBe(401)
    } finally {
      await node.dispose()
    }
  })
})
