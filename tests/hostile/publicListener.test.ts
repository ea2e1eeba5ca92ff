import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCap } from '@liaison/formats'
import type { App } from '@liaison/server'
import { publicAlertRowOf } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

/**
 * The public listener (service `public`) is not in the duty desk's OpenAPI document, so the
 * access matrix does not see it. This file is its matrix: every route it serves is declared
 * below (a new one fails the tier until it is), every route is anonymous by design, and every
 * route and a few that do not exist are sent every hostile input: none answers 5xx, sets a
 * cookie or drops the security headers.
 */
const declared: Record<string, string> = {
  'GET /': 'the public page of the centre, in FR/NL/DE/EN',
  'GET /health': 'liveness, for orchestrators',
  'GET /feed.atom': 'the Atom index feed of current public alerts (?status=Exercise,Test on request)',
  'GET /cap/:file': "one public alert's exact CAP XML ({identifier}.xml) or its JSON ({identifier}.json)",
  // citizen registration (decision 040): anonymous to register and unsubscribe, the management token otherwise
  'POST /public/v1/subscribers': 'register for public warnings (answers the management token once)',
  'POST /public/v1/subscribers/claim': 'a new management token for the code sent to an address',
  'POST /public/v1/subscribers/code':
    'a code to a registered address, to claim it (the same answer for any address)',
  'GET /public/v1/subscriber': 'the JSON export of everything held (Bearer management token)',
  'PATCH /public/v1/subscriber': 'change places, languages, options (Bearer management token)',
  'DELETE /public/v1/subscriber': 'erasure (Bearer management token)',
  'POST /public/v1/subscriber/addresses/:id/confirm':
    'confirm an address with its code (Bearer management token)',
  'POST /public/v1/subscriber/addresses/:id/code':
    'a new code for an unconfirmed address (Bearer management token)',
  'DELETE /public/v1/subscriber/addresses/:id': 'stop one address (Bearer management token)',
  'GET /public/v1/unsubscribe/:token': "an unsubscribe link's page (changes nothing)",
  'POST /public/v1/unsubscribe/:token': 'one-click unsubscribe (RFC 8058)',
  // the citizen page (issue 11): the built page, its files, the alert service worker, what it needs
  'GET /register': 'the citizen page (citizen.html of the web application), its own script only',
  'GET /assets/:file': "the citizen page's bundle files, by their hashed names",
  'GET /alert-sw.js': 'the alert service worker (decision 037)',
  'GET /public/v1/registration': 'the kinds of address offered, the VAPID key, the map outline',
  'GET /public/v1/places': 'imported areas found by name, with a point in each (?q=, paged)',
}

/** The declared route a concrete path is served by. */
const routeOf = (path: string): string =>
  /^\/cap\/[^/]+$/.test(path)
    ? '/cap/:file'
    : /^\/assets\/[^/]+$/.test(path)
      ? '/assets/:file'
      : path
          .replace(/^\/public\/v1\/subscriber\/addresses\/[^/]+\//, '/public/v1/subscriber/addresses/:id/')
          .replace(/^\/public\/v1\/subscriber\/addresses\/[^/]+$/, '/public/v1/subscriber/addresses/:id')
          .replace(/^\/public\/v1\/unsubscribe\/[^/]+$/, '/public/v1/unsubscribe/:token')

/** The routes an app serves, from Fastify's route tree (`printRoutes`), as `METHOD /path`. */
function routesOf(app: App): string[] {
  const routes: string[] = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?) \(([A-Z, ]+)\)$/.exec(line) ?? /^([│ ]*)[├└]── (.*)$/.exec(line)
    if (!match) continue
    const depth = (match[1] ?? '').length / 4
    stack.length = depth
    stack.push(match[2] ?? '')
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD'))
      routes.push(`${method} ${stack.join('')}`)
  }
  return routes.sort()
}

const engines = await testEngines()
let node: TestNode
let app: App
beforeAll(async () => {
  node = await startTestNode(engines[0]!, { config: { 'public.requestsPerMinute': 1_000_000 } })
  app = node.publicApp!
  // one public alert in the public table (as the processor writes it), so that its routes answer 200 too
  const xml = readFileSync(
    new URL('../../packages/formats/src/cap/examples/CAP-v1.2-appendix-A.3.xml', import.meta.url),
    'utf8',
  )
  const read = readCap(xml)
  if (!read.ok) throw new Error('the CAP example does not read')
  const row = publicAlertRowOf(read.value.alert, xml, new Date())
  if (!row) throw new Error('the CAP example is not public')
  await node.deps.store.db.insertInto('public_alerts').values(row).execute()
}, 120_000)
afterAll(async () => node?.dispose())

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

const hostile: readonly {
  name: string
  query?: string
  headers?: Record<string, string>
  payload?: string
}[] = [
  { name: 'nothing odd' },
  { name: 'a long Accept-Language', headers: { 'accept-language': `${'x-'.repeat(4_000)};q=0.5` } },
  { name: 'a malformed Accept-Language', headers: { 'accept-language': ';;q=NaN,*;q=-1,fr;q=1e999' } },
  { name: 'an unknown lang', query: '?lang=%00%ff' },
  { name: 'a repeated lang', query: '?lang=fr&lang=nl&lang[]=de' },
  { name: 'a nested query', query: '?lang[a][b]=c&__proto__[x]=1&constructor[prototype][y]=2' },
  { name: 'a broken percent escape', query: '?lang=%E0%A4%A' },
  { name: 'a long query', query: `?q=${'a'.repeat(8_000)}` },
  { name: 'the statuses asked for', query: '?status=Exercise,Test' },
  { name: 'an unknown status', query: '?status=%00%ff' },
  { name: 'a repeated status', query: '?status=Actual&status=Test&status[]=x' },
  { name: 'a long status', query: `?status=${'Actual,'.repeat(1_500)}` },
  { name: 'an If-None-Match of everything', headers: { 'if-none-match': '*' } },
  { name: 'a long If-None-Match', headers: { 'if-none-match': `W/"${'x'.repeat(6_000)}", "a"` } },
  { name: 'a duty desk session cookie', headers: { cookie: 'liaison_be=forged; csrf=1' } },
  { name: 'a bearer token', headers: { authorization: 'Bearer lia_forged' } },
  {
    name: 'a forged management token',
    headers: { authorization: `Bearer lsub_${'A'.repeat(43)}`, 'content-type': 'application/json' },
    payload: '{"code":"123456","languages":["fr"]}',
  },
  {
    name: 'a registration with hostile values',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({
      addresses: [
        { kind: 'sms', address: '+32\u0000470' },
        { kind: 'email', address: `${'a'.repeat(300)}@x.be` },
      ],
      places: [{ label: '<script>', lon: 1e308, lat: 'NaN' }],
      languages: ['__proto__'],
      __proto__: { polluted: true },
    }),
  },
  {
    name: 'a form body',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  },
  { name: 'an X-Forwarded-Host', headers: { 'x-forwarded-host': 'evil.example' } },
  { name: 'a request id that is not a UUID', headers: { 'x-request-id': '../../etc' } },
  { name: 'a JSON body', headers: { 'content-type': 'application/json' }, payload: '{"a":' },
  { name: 'an odd content type', headers: { 'content-type': 'text/x-nonsense' }, payload: 'zzz' },
  {
    name: 'a large body',
    headers: { 'content-type': 'application/json' },
    payload: `"${'a'.repeat(100_000)}"`,
  },
]

describe('the public listener, as the hostile tier sees it', () => {
  it('serves exactly the declared routes, all anonymous', () => {
    expect(routesOf(app)).toEqual(Object.keys(declared).sort())
  })

  it.each(hostile)('answers $name without a 5xx, a cookie or its security headers missing', async (input) => {
    const paths = [
      '/',
      '/health',
      '/nope',
      '/api/v1/session',
      '/api/docs',
      '/health/',
      '/%zz',
      '/feed.atom',
      '/cap/TRI13970876.2.xml',
      '/cap/TRI13970876.2.json',
      '/cap/TRI13970876.2',
      '/cap/nope.xml',
      '/cap/%00.xml',
      '/cap/a%20b.json',
      '/cap/..%2f..%2fetc%2fpasswd.xml',
      `/cap/${'x'.repeat(300)}.xml`,
      '/cap/',
      '/public/v1/subscribers',
      '/public/v1/subscribers/claim',
      '/public/v1/subscribers/code',
      '/public/v1/subscriber',
      '/public/v1/subscriber/addresses/0190d1e4-0000-7000-8000-000000000000/confirm',
      '/public/v1/subscriber/addresses/not-a-uuid/confirm',
      '/public/v1/subscriber/addresses/0190d1e4-0000-7000-8000-000000000000',
      '/public/v1/subscriber/addresses/not-a-uuid',
      '/public/v1/subscriber/addresses/0190d1e4-0000-7000-8000-000000000000/code',
      '/public/v1/unsubscribe/lunsub_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      '/public/v1/unsubscribe/%00',
      `/public/v1/unsubscribe/${'x'.repeat(300)}`,
      '/register',
      '/register/',
      '/assets/citizen-AAAA.js',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e%2fcitizen.html',
      `/assets/${'x'.repeat(300)}.js`,
      '/alert-sw.js',
      '/public/v1/registration',
      '/public/v1/places',
    ]
    for (const method of methods) {
      for (const path of paths) {
        const answer = await app.inject({
          method,
          url: `${path}${input.query ?? ''}`,
          headers: { host: '127.0.0.1', ...input.headers },
          ...(input.payload !== undefined && method !== 'GET' && method !== 'HEAD'
            ? { payload: input.payload }
            : {}),
        })
        const where = `${method} ${path}${(input.query ?? '').slice(0, 40)}`
        expect(answer.statusCode, where).toBeLessThan(500)
        expect(answer.headers['set-cookie'], where).toBeUndefined()
        expect(answer.headers['content-security-policy'], where).toContain("default-src 'none'")
        expect(answer.headers['x-frame-options'], where).toBe('DENY')
        const route = `${method === 'HEAD' ? 'GET' : method} ${routeOf(path)}`
        if (answer.statusCode >= 400 && method !== 'HEAD') {
          expect(answer.headers['content-type'], where).toContain('application/json')
          expect(answer.json<{ error: { code: string } }>().error.code, where).toMatch(/^[a-z_]+$/)
        }
        // a route that is not declared is never served
        if (!(route in declared)) expect(answer.statusCode, where).toBeGreaterThanOrEqual(400)
      }
    }
  })
})
