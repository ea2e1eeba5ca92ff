import { request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningNode } from '@liaison/server'
import { demoCentres, demoNodeConfig, seedDemoCentre, startNode } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import { signedInAs } from '../support/identity.ts'
import { freePorts } from '../support/demoProcess.ts'
import type { TestNode } from '../support/testNode.ts'
import { captureLog, startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

/** A GET over a real socket to 127.0.0.1:port, naming whatever Host the test wants. */
function getWithHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the demo answers only under loopback names (DNS rebinding)', () => {
  let node: RunningNode
  let port: number
  let dataDir: string

  beforeAll(async () => {
    ;[port] = (await freePorts(1)) as [number]
    dataDir = mkdtempSync(join(tmpdir(), 'liaison-host-demo-'))
    const centre = demoCentres[0]!
    node = await startNode({
      // the demo's own configuration of its first centre, as `liaison demo` makes it
      config: demoNodeConfig({ host: '127.0.0.1', ports: [port, 0, 0], dataDir, logLevel: 'silent' }, 0),
      log: captureLog().log,
      seed: (deps) => seedDemoCentre(deps, centre),
      demo: { users: centre.users },
    })
  }, 60_000)

  afterAll(async () => {
    await node?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it.each(['evil.example', '127.0.0.1.evil.example', 'evil.example:PORT', 'localhost.evil.example'])(
    'refuses the demo sign-in list under Host %s: 421 host_not_allowed, no password in the answer',
    async (host) => {
      const answer = await getWithHost(port, '/api/v1/demo/sign-in', host.replace('PORT', String(port)))
      expect(answer.status).toBe(421)
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'host_not_allowed' } })
      expect(answer.body).not.toContain('liaison-demo-2026')
    },
  )

  it.each(['127.0.0.1', 'localhost', '[::1]'])(
    'answers the demo sign-in list under %s:<port>',
    async (name) => {
      const answer = await getWithHost(port, '/api/v1/demo/sign-in', `${name}:${port}`)
      expect(answer.status).toBe(200)
      expect((JSON.parse(answer.body) as { users: unknown[] }).users.length).toBeGreaterThan(0)
    },
  )

  it('refuses the web application itself under a foreign Host', async () => {
    expect((await getWithHost(port, '/', `evil.example:${port}`)).status).toBe(421)
    expect((await getWithHost(port, '/api/v1/node', `evil.example:${port}`)).status).toBe(421)
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('the host allow-list on %s', (_name, engine) => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode(engine, {
      config: {
        'http.url': 'https://liaison.example.org',
        // set, the list replaces the loopback names: they are named again (in-process requests say localhost:80)
        'http.allowedHosts': 'liaison.internal:8080,127.0.0.1,localhost',
        'http.trustProxy': true,
      },
    })
  }, 60_000)
  afterAll(async () => node?.dispose())

  it('refuses an API route under a foreign Host, before it signs in or reads anything', async () => {
    const session = await signedInAs(node, ['duty-officer'])
    const headers = session.headers()
    const allowed = await node.app.inject({
      url: '/api/v1/cases',
      headers: { ...headers, host: 'liaison.internal:8080' },
    })
    expect(allowed.statusCode).toBe(200)
    for (const host of ['evil.example', 'liaison.internal:8081', 'liaison.example.org.evil.example']) {
      const refused = await node.app.inject({ url: '/api/v1/cases', headers: { ...headers, host } })
      expect(refused.statusCode).toBe(421)
      expect(refused.json()).toMatchObject({ error: { code: 'host_not_allowed' } })
    }
    const signIn = await node.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { host: 'evil.example' },
      payload: { username: 'nobody', password: 'guess' },
    })
    expect(signIn.statusCode).toBe(421)
  })

  it('behind a trusted proxy, refuses a forwarded host that is not allowed, even under an allowed Host', async () => {
    const answer = (forwarded: string) =>
      node.app.inject({
        url: '/api/v1/node',
        headers: { host: '127.0.0.1:8080', 'x-forwarded-host': forwarded },
      })
    expect((await answer('liaison.example.org')).statusCode).toBe(200)
    expect((await answer('evil.example')).statusCode).toBe(421)
    expect((await answer('liaison.example.org, evil.example')).statusCode).toBe(421)
  })

  it('answers /health and /ready under any Host, for orchestrators; /metrics only under an allowed one', async () => {
    for (const url of ['/health', '/ready', '/health?probe=1'])
      expect((await node.app.inject({ url, headers: { host: '10.1.2.3:8080' } })).statusCode).toBe(200)
    expect((await node.app.inject({ url: '/metrics', headers: { host: '10.1.2.3:8080' } })).statusCode).toBe(
      421,
    )
  })

  it('gives the calendar address from http.url, whatever Host and X-Forwarded-* the request names', async () => {
    const session = await signedInAs(node, ['duty-officer'])
    for (const host of ['liaison.internal:8080', '127.0.0.1:8080']) {
      const feed = await node.app.inject({
        method: 'POST',
        url: '/api/v1/calendar/feeds',
        headers: { ...session.headers(), host, 'x-forwarded-proto': 'http' },
      })
      expect(feed.statusCode).toBe(201)
      expect(feed.json<{ url: string }>().url).toMatch(
        /^https:\/\/liaison\.example\.org\/calendar\/cal_[A-Za-z0-9_-]{43}\.ics$/,
      )
    }
  })
})

describe('a node on port 0 without http.url', () => {
  it('gives addresses from where it listens, and answers under its loopback names', async () => {
    const node = await startTestNode(engines[0]!, { listen: true })
    try {
      const port = Number(new URL(node.url).port)
      expect(port).toBeGreaterThan(0)
      expect(node.deps.nodeUrl()).toBe(`http://127.0.0.1:${port}`)
      expect((await getWithHost(port, '/api/v1/node', `localhost:${port}`)).status).not.toBe(421)
      expect((await getWithHost(port, '/api/v1/node', `rebound.example:${port}`)).status).toBe(421)
    } finally {
      await node.dispose()
    }
  })
})
