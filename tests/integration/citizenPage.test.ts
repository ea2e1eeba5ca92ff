import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App, RunningNode } from '@liaison/server'
import { startNode } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import { runCliHere } from '../support/runCli.ts'
import { captureLog, testConfig } from '../support/testNode.ts'

/**
 * What the public listener serves for the citizen page (issue 11): the built page under its own
 * script policy, its files by their hashed names only, the alert service worker, what the page
 * needs to know, and the search of imported areas for a place, with its refusals.
 */
const engines = await testEngines()
const dir = mkdtempSync(join(tmpdir(), 'liaison-citizen-page-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// a built web application in miniature: the page, one bundle file, the service worker
const webDir = join(dir, 'web')
mkdirSync(join(webDir, 'assets'), { recursive: true })
writeFileSync(
  join(webDir, 'citizen.html'),
  '<!doctype html><title>x</title><script src="/assets/citizen-Ab_1.js"></script>',
)
writeFileSync(join(webDir, 'assets', 'citizen-Ab_1.js'), 'console.log(1)')
writeFileSync(join(webDir, 'assets', 'citizen-Ab_1.css'), 'body{}')
writeFileSync(join(webDir, 'alert-sw.js'), "'use strict'")
writeFileSync(join(dir, 'secret.js'), 'no')

const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
]
const areasFile = join(dir, 'communes.json')
writeFileSync(
  areasFile,
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { code: '92094', name: 'Namur', x: 4.8, y: 50.42 },
      { code: '62063', name: 'Liège', x: 5.5, y: 50.58 },
      { code: '62108', name: 'Seraing', x: 5.45, y: 50.55 },
      { code: '21004', name: 'Bruxelles', x: 4.3, y: 50.82 },
    ].map((c) => ({
      type: 'Feature',
      properties: { code: c.code, name: c.name },
      geometry: { type: 'Polygon', coordinates: square(c.x, c.y, 0.1) },
    })),
  }),
)

describe.each(engines)('the citizen page on the public listener on $name', (engine) => {
  let node: RunningNode
  let app: App
  let dispose: () => Promise<void>

  beforeAll(async () => {
    const db = await engine.fresh()
    const config = testConfig(db.options)
    const flags =
      db.options.engine === 'pglite'
        ? ['--data-dir', config.store.dataDir]
        : [
            ...['--database-url', config.store.url ?? '', '--key-file', config.auth.keyFile],
            ...['--signing-key-file', config.auth.signingKeyFile],
          ]
    const imported = await runCliHere([
      ...['import', 'areas', '--node-id', 'be', '--node-name', 'Centre de crise national (NCCN)'],
      ...flags,
      ...[areasFile, '--level', 'municipality'],
    ])
    expect(imported.code, imported.stderr).toBe(0)
    node = await startNode({
      config: testConfig(db.options, {
        'http.webDir': webDir,
        'email.smtpUrl': 'smtp://127.0.0.1:1',
        'email.from': 'noreply@alert.example.be',
        'push.vapidKeyFile': join(dir, `vapid-${engine.name}.key`),
        'public.requestsPerMinute': 1_000_000,
      }),
      log: captureLog().log,
      listen: false,
    })
    app = node.publicApp!
    dispose = async () => {
      await node.close()
      await db.dispose()
    }
  }, 120_000)
  afterAll(async () => dispose?.())

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { host: '127.0.0.1' } })

  it('serves the page under a policy that lets only its own script run, talking to its own origin', async () => {
    const page = await get('/register')
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('/assets/citizen-Ab_1.js')
    const policy = String(page.headers['content-security-policy'])
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("connect-src 'self'")
    expect(policy).not.toContain('unsafe')
    expect(page.headers['set-cookie']).toBeUndefined()
    // the rest of the listener keeps its policy without script
    expect(String((await get('/')).headers['content-security-policy'])).not.toContain('script-src')
  })

  it('serves the bundle by hashed name and the service worker, and nothing outside the build', async () => {
    const script = await get('/assets/citizen-Ab_1.js')
    expect(script.statusCode).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.headers['cache-control']).toContain('immutable')
    expect((await get('/assets/citizen-Ab_1.css')).headers['content-type']).toBe('text/css; charset=utf-8')
    const worker = await get('/alert-sw.js')
    expect([worker.statusCode, worker.body]).toEqual([200, "'use strict'"])
    for (const path of [
      '/assets/..%2fcitizen.html',
      '/assets/..%2f..%2fsecret.js',
      '/assets/citizen.html',
      '/assets/missing-1.js',
    ]) {
      const refused = await get(path)
      expect(refused.statusCode, path).toBe(404)
      expect(refused.json<{ error: { code: string } }>().error.code, path).toBe('not_found')
    }
    // a NUL is refused before the route looks for a file
    expect((await get('/assets/%00.js')).statusCode).toBe(400)
  })

  it('says which kinds of address it reaches, with the VAPID key and a light map outline', async () => {
    const info = await get('/public/v1/registration')
    expect(info.statusCode).toBe(200)
    const body = info.json<{
      centre: string
      kinds: string[]
      pushKey: string
      maxPlaces: number
      map: { outline: string; width: number; height: number; west: number; north: number }
    }>()
    // no SMS operator is configured here: SMS is not offered
    expect(body.kinds).toEqual(['email', 'push'])
    expect(body.centre).toBe('Centre de crise national (NCCN)')
    expect(body.pushKey).toMatch(/^[A-Za-z0-9_-]{87}$/)
    expect(body.maxPlaces).toBe(5)
    expect(body.map.outline).toMatch(/^M[\d. ]+L/)
    expect(body.map.outline.length).toBeLessThan(40_000)
    expect([body.map.west, body.map.north]).toEqual([2.4, 53.65])
  })

  it('finds imported municipalities by part of a name, accent-blind, a page at a time, with a point in each', async () => {
    const found = await get('/public/v1/places?q=LIEGE')
    expect(found.statusCode).toBe(200)
    expect(found.json()).toEqual({
      items: [{ code: '62063', name: 'Liège', names: {}, level: 'municipality', lon: 5.55, lat: 50.63 }],
      next: null,
    })
    // by code: 62 finds Liège and Seraing, one a page
    const first = (await get('/public/v1/places?q=62&limit=1')).json<{
      items: { code: string }[]
      next: string
    }>()
    expect(first.items.map((i) => i.code)).toEqual(['62063'])
    const rest = (await get(`/public/v1/places?q=62&limit=1&after=${first.next}`)).json<{
      items: { code: string }[]
      next: string | null
    }>()
    expect(rest.items.map((i) => i.code)).toEqual(['62108'])
    expect(rest.next).toBeNull()
    // at most ten a page, whatever is asked
    const many = await get('/public/v1/places?q=Namur&limit=500')
    expect(many.json<{ items: { name: string }[] }>().items.map((i) => i.name)).toEqual(['Namur'])
    expect((await get('/public/v1/places?q=zzz')).json()).toEqual({ items: [], next: null })
  })

  it('stops one address with the management token, and erases the registration with the last (audited by id only)', async () => {
    const send = (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { host: '127.0.0.1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(payload ? { payload } : {}),
      })
    const register = async (email: string) => {
      const answer = await send('POST', '/public/v1/subscribers', undefined, {
        addresses: [
          { kind: 'email', address: email },
          {
            kind: 'push',
            subscription: {
              endpoint: `https://fcm.googleapis.com/fcm/send/${engine.name}-${email.split('@')[0]}`,
              keys: { p256dh: `B${'a'.repeat(86)}`, auth: 'b'.repeat(22) },
            },
          },
        ],
        places: [],
        languages: ['fr'],
      })
      expect(answer.statusCode, answer.body).toBe(201)
      return answer.json<{
        token: string
        subscriber: { id: string; addresses: { id: string; kind: string }[] }
      }>()
    }
    const mine = await register(`stop.${engine.name}@example.be`)
    const theirs = await register(`other.${engine.name}@example.be`)
    const [email, push] = mine.subscriber.addresses
    const path = (id: string) => `/public/v1/subscriber/addresses/${id}`

    // not without the token, not another person's address, not a malformed id
    expect((await send('DELETE', path(email!.id))).statusCode).toBe(401)
    const foreign = await send('DELETE', path(theirs.subscriber.addresses[0]!.id), mine.token)
    expect([foreign.statusCode, foreign.json<{ error: { code: string } }>().error.code]).toEqual([
      404,
      'not_found',
    ])
    expect((await send('DELETE', path('not-a-uuid'), mine.token)).statusCode).toBe(400)

    const first = await send('DELETE', path(email!.id), mine.token)
    expect([first.statusCode, first.json()]).toEqual([200, { erased: false }])
    const held = (await send('GET', '/public/v1/subscriber', mine.token)).json<{
      addresses: { kind: string }[]
    }>()
    expect(held.addresses.map((a) => a.kind)).toEqual(['push'])
    const last = await send('DELETE', path(push!.id), mine.token)
    expect([last.statusCode, last.json()]).toEqual([200, { erased: true }])
    expect((await send('GET', '/public/v1/subscriber', mine.token)).statusCode).toBe(401)
    // the other person's registration is untouched
    expect((await send('GET', '/public/v1/subscriber', theirs.token)).statusCode).toBe(200)

    const audit = await node.deps.store.db
      .selectFrom('audit')
      .select(['action', 'target', 'outcome', 'source'])
      .where('action', '=', 'citizen.address.remove')
      .execute()
    expect(audit.filter((a) => a.target === mine.subscriber.id).map((a) => a.source)).toEqual([
      'public',
      'public',
    ])
    expect(JSON.stringify(audit)).not.toContain('example.be')
  })

  it('refuses a search without its words, too short or too long, or with a foreign cursor, naming the field', async () => {
    for (const [query, field] of [
      ['', 'querystring/q'],
      ['?q=a', 'querystring/q'],
      [`?q=${'a'.repeat(101)}`, 'querystring/q'],
      ['?q=ab&limit=0', 'querystring/limit'],
      ['?q=ab&limit=x', 'querystring/limit'],
      ['?q=ab&after=bm9wZQ', 'querystring/after'],
      ['?q=ab&extra=1', 'querystring'],
    ] as const) {
      const refused = await get(`/public/v1/places${query}`)
      expect(refused.statusCode, query).toBe(400)
      const error = refused.json<{ error: { code: string; message: string } }>().error
      expect(error.code, query).toBe('validation_failed')
      expect(error.message, query).toContain(field)
    }
  })
})
