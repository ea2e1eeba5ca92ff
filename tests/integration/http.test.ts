import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'

const engines = await testEngines()

describe.each(engines.map((e) => [e.name, e] as const))('HTTP API on %s', (_name, engine) => {
  let node: TestNode
  let viewer: TestSession
  beforeAll(async () => {
    node = await startTestNode(engine, { config: { 'http.bodyLimit': 2048 } })
    viewer = await signedInAs(node, ['viewer'])
  })
  afterAll(async () => {
    await node.dispose()
  })

  const countRows = async () =>
    Promise.all(
      (['organisations', 'events', 'users'] as const).map(async (t) =>
        Number(
          (
            await node.deps.store.db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    )

  it('answers /health and /ready', async () => {
    const health = await node.app.inject({ url: '/health' })
    expect(health.json()).toEqual({ status: 'ok', node: 'be', version: '0.1.0' })
    const ready = await node.app.inject({ url: '/ready' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready', node: 'be', store: engine.name })
  })

  it('serves Prometheus metrics that count requests', async () => {
    await node.app.inject({ url: '/api/v1/organisations', headers: viewer.headers() })
    const metrics = await node.app.inject({ url: '/metrics' })
    expect(metrics.headers['content-type']).toContain('text/plain')
    expect(metrics.body).toMatch(
      /liaison_http_requests_total\{method="GET",route="\/api\/v1\/organisations",status="200",node="be"\} \d+/,
    )
    expect(metrics.body).toContain('liaison_events_committed_total')
  })

  it('describes its API in OpenAPI, with the error body, and serves the documentation page', async () => {
    const doc = (await node.app.inject({ url: '/api/docs/json' })).json<{
      openapi: string
      paths: Record<string, unknown>
    }>()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/ready',
        '/api/v1/node',
        '/api/v1/organisations',
        '/api/v1/organisations/{code}',
        '/api/v1/stream',
      ]),
    )
    expect(JSON.stringify(doc)).toContain('validation_failed')
    const page = await node.app.inject({ url: '/api/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('swagger')
  })

  it('lists organisations and finds one by code', async () => {
    const list = (await node.app.inject({ url: '/api/v1/organisations', headers: viewer.headers() })).json<{
      items: { code: string }[]
    }>()
    expect(list.items.map((o) => o.code)).toEqual(['centre'])
    const one = await node.app.inject({ url: '/api/v1/organisations/centre', headers: viewer.headers() })
    expect(one.json()).toMatchObject({ code: 'centre', kind: 'centre', nodeId: 'be', parentId: null })
    const info = (await node.app.inject({ url: '/api/v1/node' })).json<{
      id: string
      centre: { code: string }
    }>()
    expect(info).toMatchObject({
      id: 'be',
      name: 'Centre de crise national (NCCN)',
      centre: { code: 'centre' },
    })
  })

  it('serves the front page with the centre name, escaped', async () => {
    const page = await node.app.inject({ url: '/' })
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('<h1 data-testid="centre-name">Centre de crise national (NCCN)</h1>')
  })

  it.each([
    [
      'an unknown route',
      { method: 'GET' as const, url: '/api/v1/nothing-here' },
      404,
      'not_found',
      'no route GET /api/v1/nothing-here',
    ],
    [
      'an unknown organisation',
      { method: 'GET' as const, url: '/api/v1/organisations/nope' },
      404,
      'not_found',
      "no organisation with code 'nope'",
    ],
    [
      'malformed JSON',
      {
        method: 'POST' as const,
        url: '/api/v1/organisations',
        headers: { 'content-type': 'application/json' },
        payload: '{"code": ',
      },
      400,
      'malformed_body',
      'not valid JSON',
    ],
    [
      'an oversized body',
      {
        method: 'POST' as const,
        url: '/api/v1/organisations',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x'.repeat(4000) }),
      },
      413,
      'payload_too_large',
      'too large',
    ],
    [
      'a body that is not JSON',
      {
        method: 'POST' as const,
        url: '/api/v1/organisations',
        headers: { 'content-type': 'text/xml' },
        payload: '<org/>',
      },
      415,
      'unsupported_media_type',
      'text/xml',
    ],
    [
      'a body that breaks the schema',
      {
        method: 'POST' as const,
        url: '/api/v1/organisations',
        payload: { code: 'Bad Code', kind: 'ministry', extra: 1 },
      },
      400,
      'validation_failed',
      'body/code',
    ],
    [
      'a valid body from a role that may not add organisations',
      {
        method: 'POST' as const,
        url: '/api/v1/organisations',
        payload: { code: 'police', name: 'Police', kind: 'partner' },
      },
      403,
      'forbidden',
      "your roles do not allow 'users.manage'",
    ],
    [
      'a bad resume position',
      { method: 'GET' as const, url: '/api/v1/stream', headers: { 'last-event-id': 'abc' } },
      400,
      'validation_failed',
      'last-event-id',
    ],
  ])('refuses %s with a precise error and changes nothing', async (_what, request, status, code, message) => {
    const before = await countRows()
    const response = await node.app.inject({
      ...request,
      headers: { ...viewer.headers(), ...('headers' in request ? request.headers : {}) },
    })
    expect(response.statusCode).toBe(status)
    const body = response.json<{ error: { code: string; message: string } }>()
    expect(body.error.code).toBe(code)
    expect(body.error.message).toContain(message)
    expect(Object.keys(body)).toEqual(['error'])
    expect(await countRows()).toEqual(before)
  })

  it('asks for sign-in, and audits nothing, when no credential is presented', async () => {
    const auditRows = async () =>
      (await node.deps.store.db.selectFrom('audit').select('seq').execute()).length
    const before = await auditRows()
    const response = await node.app.inject({ url: '/api/v1/organisations' })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'sign in first (or send an API token)' },
    })
    expect(await auditRows()).toBe(before)
  })

  it('lists every schema problem, not just the first', async () => {
    const response = await node.app.inject({
      headers: viewer.headers(),
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { code: 'Bad Code', kind: 'ministry', extra: 1 },
    })
    const details = response.json<{ error: { details: { path: string }[] } }>().error.details
    expect(details.length).toBeGreaterThanOrEqual(3)
  })

  it('sets security headers and a request id on every answer, keeping a valid incoming one', async () => {
    const given = '01a225ba-5799-7873-9099-5091319b2ad3'
    for (const url of ['/health', '/api/v1/nothing', '/']) {
      const response = await node.app.inject({ url, headers: { 'x-request-id': given } })
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['x-frame-options']).toBe('DENY')
      expect(response.headers['content-security-policy']).toContain("default-src 'self'")
      expect(response.headers['referrer-policy']).toBe('no-referrer')
      expect(response.headers['strict-transport-security']).toBeUndefined()
      expect(response.headers['x-request-id']).toBe(given)
    }
    const forged = await node.app.inject({
      url: '/health',
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    })
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('logs each request as structured JSON with its request id', async () => {
    await node.app.inject({
      url: '/api/v1/organisations',
      headers: { 'x-request-id': '01a225ba-5799-7873-9099-5091319b2ad4' },
    })
    const lines = node.captured.lines.filter((l) => l['reqId'] === '01a225ba-5799-7873-9099-5091319b2ad4')
    expect(lines.length).toBeGreaterThanOrEqual(2)
    expect(lines[0]).toMatchObject({ level: 'info', node: 'be' })
  })

  it('is not ready while it stops', async () => {
    const other = await startTestNode(engine)
    const closing = other.close()
    const during = await other.app.inject({ url: '/ready' })
    expect([503]).toContain(during.statusCode)
    await closing
    await other.dispose()
  })
})
