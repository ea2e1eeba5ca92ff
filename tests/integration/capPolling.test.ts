import { readFileSync } from 'node:fs'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { CapSourceRow } from '@liaison/server'
import { findCapSource, fixedClock, pollCapSource } from '@liaison/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const feeds = fileURLToPath(new URL('../fixtures/cap-feeds/', import.meta.url))
const examples = fileURLToPath(new URL('../../packages/formats/src/cap/examples/', import.meta.url))

/** What the recorded server answers at a path: a body with validators, a status, or nothing at all. */
interface Route {
  body?: string
  etag?: string
  lastModified?: string
  status?: number
  hang?: true
}

/** A real HTTP server on loopback serving the recorded feeds, answering conditional requests. */
class FeedServer {
  readonly routes = new Map<string, Route>()
  readonly requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[] = []
  private server: Server | null = null
  url = ''

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.answer(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    for (const name of ['A.1', 'A.2', 'A.3', 'A.4']) {
      this.routes.set(`/examples/CAP-v1.2-appendix-${name}.xml`, {
        body: readFileSync(`${examples}CAP-v1.2-appendix-${name}.xml`, 'utf8'),
      })
    }
    for (const name of ['A.1-update.xml', 'A.4-cancel.xml', 'cap11.xml']) {
      this.routes.set(`/feeds/${name}`, { body: readFileSync(`${feeds}${name}`, 'utf8') })
    }
    this.routes.set('/feeds/about.html', { body: '<!doctype html><p>About this feed</p>' })
  }

  feed(path: string, file: string, validators: Pick<Route, 'etag' | 'lastModified'>): void {
    this.routes.set(path, { body: readFileSync(`${feeds}${file}`, 'utf8'), ...validators })
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/'
    this.requests.push({
      path,
      ...(req.headers['if-none-match'] ? { ifNoneMatch: req.headers['if-none-match'] } : {}),
      ...(req.headers['if-modified-since'] ? { ifModifiedSince: req.headers['if-modified-since'] } : {}),
    })
    const route = this.routes.get(path)
    if (route?.hang) return // a source that stops answering: the connection stays open, silent
    if (!route) {
      res.writeHead(404).end('not found')
      return
    }
    if (route.status) {
      res.writeHead(route.status).end()
      return
    }
    const fresh =
      (route.etag !== undefined && req.headers['if-none-match'] === route.etag) ||
      (route.lastModified !== undefined && req.headers['if-modified-since'] === route.lastModified)
    if (fresh) {
      res.writeHead(304).end()
      return
    }
    res.writeHead(200, {
      'content-type': 'application/xml',
      ...(route.etag ? { etag: route.etag } : {}),
      ...(route.lastModified ? { 'last-modified': route.lastModified } : {}),
    })
    res.end(route.body)
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}

const limits = { timeoutMs: 500, maxFeedBytes: 64 * 1024, maxDocumentBytes: 1024 * 1024 }
const engines = await testEngines()

describe.each(engines)('polling CAP sources on $name', (engine) => {
  const clock = fixedClock(new Date('2026-12-03T12:00:00Z'))
  const server = new FeedServer()
  let node: TestNode
  let admin: TestSession
  let duty: TestSession
  beforeAll(async () => {
    await server.start()
    node = await startTestNode(engine, { clock })
    admin = await signedInAs(node, ['admin'])
    duty = await signedInAs(node, ['duty-officer'])
  })
  afterAll(async () => {
    await node.dispose()
    await server.stop()
  })

  /** Adds a source through the API (disabled: the tests poll it themselves, at their own pace). */
  async function addSource(name: string, path: string, enabled = false): Promise<CapSourceRow> {
    const added = await node.app.inject({
      method: 'POST',
      url: '/api/v1/cap-sources',
      headers: admin.headers(),
      payload: { name, url: `${server.url}${path}`, pollSeconds: 60, staleAfterSeconds: 600, enabled },
    })
    expect(added.statusCode).toBe(201)
    return (await findCapSource(node.deps.store.db, added.json<{ id: string }>().id))!
  }
  const row = async (id: string) => (await findCapSource(node.deps.store.db, id))!
  const poll = async (id: string) => pollCapSource(node.deps, await row(id), limits)
  const state = async (id: string) => {
    const listed = await node.app.inject({
      method: 'GET',
      url: '/api/v1/cap-sources',
      headers: admin.headers(),
    })
    return listed
      .json<{ items: { id: string; state: string; lastError: string | null }[] }>()
      .items.find((s) => s.id === id)
  }
  const received = (identifier: string) =>
    node.deps.store.db
      .selectFrom('received_alerts')
      .select(['id', 'refers_to', 'msg_type', 'source_id', 'file_name', 'imported_by'])
      .where('identifier', '=', identifier)
      .executeTakeFirst()

  let atom: CapSourceRow
  it('reads an Atom index, imports each linked CAP document and skips the entry that is not CAP 1.2, with its reason', async () => {
    server.feed('/feeds/index.atom', 'index.atom', { etag: '"v1"' })
    atom = await addSource('Atom test', '/feeds/index.atom')
    const done = await poll(atom.id)
    expect(done).toMatchObject({ outcome: 'changed', imported: 3, error: null })
    expect(done.skipped.map((s) => s.url)).toEqual([`${server.url}/feeds/cap11.xml`])
    expect(done.skipped[0]?.reason).toMatch(/not CAP 1\.2/)
    const a2 = await received('KSTO1055887203')
    expect(a2).toMatchObject({
      source_id: atom.id,
      file_name: `${server.url}/examples/CAP-v1.2-appendix-A.2.xml`,
      imported_by: 'system:cap-source:Atom test',
    })
    expect(await row(atom.id)).toMatchObject({ etag: '"v1"', last_error: null, skipped: done.skipped })
    expect(await state(atom.id)).toMatchObject({ state: 'ok', lastError: null })
    const audit = await node.deps.store.db
      .selectFrom('audit')
      .select('source')
      .where('action', '=', 'alert.import')
      .execute()
    expect(audit.filter((a) => a.source === 'cap-poller')).toHaveLength(3)
  })

  it('asks again with If-None-Match; a 304 fetches nothing else and changes nothing but when it answered', async () => {
    server.requests.length = 0
    clock.advance(60_000)
    const before = await row(atom.id)
    expect(await poll(atom.id)).toMatchObject({ outcome: 'unchanged', imported: 0 })
    expect(server.requests).toEqual([{ path: '/feeds/index.atom', ifNoneMatch: '"v1"' }])
    const after = await row(atom.id)
    expect(after.last_changed_at).toEqual(before.last_changed_at)
    expect(after.last_answered_at).toEqual(clock.now())
  })

  it('reads an RSS index by its enclosures, and asks again with If-Modified-Since', async () => {
    const lastModified = 'Thu, 12 Jun 2003 04:00:00 GMT'
    server.feed('/feeds/index.rss', 'index.rss', { lastModified })
    const rss = await addSource('RSS test', '/feeds/index.rss')
    const done = await poll(rss.id)
    expect(done).toMatchObject({ outcome: 'changed', imported: 1 })
    expect(done.skipped.map((s) => s.url)).toEqual([`${server.url}/feeds/about.html`])
    expect(await received('TRI13970876.2')).toMatchObject({ source_id: rss.id, msg_type: 'Update' })
    server.requests.length = 0
    expect(await poll(rss.id)).toMatchObject({ outcome: 'unchanged' })
    expect(server.requests).toEqual([{ path: '/feeds/index.rss', ifModifiedSince: lastModified }])
  })

  it('when the feed changes, fetches only the new documents: an Update replaces A.1, a Cancel closes A.4', async () => {
    server.feed('/feeds/index.atom', 'index-later.atom', { etag: '"v2"' })
    server.requests.length = 0
    clock.advance(60_000)
    expect(await poll(atom.id)).toMatchObject({ outcome: 'changed', imported: 2 })
    expect(server.requests.map((r) => r.path).sort()).toEqual([
      '/feeds/A.1-update.xml',
      '/feeds/A.4-cancel.xml',
      '/feeds/cap11.xml',
      '/feeds/index.atom',
    ])
    const a1 = await received('43b080713727')
    const a4 = await received('KAR0-0306112239-SW')
    expect(await received('43b080713727-2')).toMatchObject({ msg_type: 'Update', refers_to: a1?.id })
    expect(await received('KAR0-0306112239-SW-cancel')).toMatchObject({
      msg_type: 'Cancel',
      refers_to: a4?.id,
    })
    expect((await row(atom.id)).etag).toBe('"v2"')
  })

  interface Board {
    items: {
      identifier: string
      issuer: string
      msgType: string
      info: { event: string; severity: string; areas: unknown[] }[]
      source: { name: string } | null
      sourceStale: boolean
    }[]
    next: string | null
    sources: { name: string; state: string; lastError: string | null }[]
  }
  const board = async (query = '') => {
    const answer = await node.app.inject({
      method: 'GET',
      url: `/api/v1/warnings-in-force${query}`,
      headers: duty.headers(),
    })
    expect(answer.statusCode).toBe(200)
    return answer.json<Board>()
  }

  it('shows the warnings in force: the Update in place of A.1, neither the cancelled A.4 nor the expired A.2, a page at a time', async () => {
    const all = await board()
    expect(all.items.map((w) => [w.identifier, w.msgType, w.source?.name, w.sourceStale])).toEqual([
      ['43b080713727-2', 'Update', 'Atom test', false],
      ['TRI13970876.2', 'Update', 'RSS test', false],
    ])
    expect(all.items[0]).toMatchObject({
      issuer: 'U.S. Government, Department of Homeland Security',
      info: [
        {
          event: 'Homeland Security Advisory System Update',
          severity: 'Moderate',
          areas: [
            {
              areaDesc: 'Washington DC',
              polygons: null,
              circles: [{ centre: [-77.036, 38.895], radiusKm: 25 }],
            },
          ],
        },
      ],
    })
    expect(all.next).toBeNull()
    // the sources not asked yet are flagged; the two that answered are not
    expect(all.sources.map((s) => s.name)).not.toContain('Atom test')
    const first = await board('?limit=1')
    expect(first.items.map((w) => w.identifier)).toEqual(['43b080713727-2'])
    const second = await board(`?limit=1&after=${first.next}`)
    expect(second.items.map((w) => w.identifier)).toEqual(['TRI13970876.2'])
    expect(second.next).toBeNull()
  })

  it('a source that stops answering fails after the timeout (failing), and is stale once its stale-after has passed', async () => {
    const silent = await addSource('Silent', '/feeds/silent.atom')
    server.feed('/feeds/silent.atom', 'index.atom', { etag: '"s1"' })
    server.requests.length = 0
    expect(await poll(silent.id)).toMatchObject({ outcome: 'changed', imported: 0 })
    // the documents the node already holds (from the other source) are not fetched again
    expect(server.requests.map((r) => r.path)).toEqual(['/feeds/silent.atom', '/feeds/cap11.xml'])
    server.routes.set('/feeds/silent.atom', { hang: true })
    clock.advance(60_000)
    const started = Date.now()
    const done = await poll(silent.id)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(done).toMatchObject({ outcome: 'failed', error: 'no answer within 500 ms' })
    expect(await state(silent.id)).toMatchObject({ state: 'failing', lastError: 'no answer within 500 ms' })
    server.routes.set('/feeds/silent.atom', { status: 503 })
    clock.advance(600_000)
    expect(await poll(silent.id)).toMatchObject({ outcome: 'failed', error: 'HTTP 503 Service Unavailable' })
    expect(await state(silent.id)).toMatchObject({
      state: 'stale',
      lastError: 'HTTP 503 Service Unavailable',
    })
  })

  it('refuses a feed with a DTD and one over the size limit, reading neither', async () => {
    server.routes.set('/feeds/dtd.atom', {
      body: '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed xmlns="http://www.w3.org/2005/Atom">&x;</feed>',
    })
    server.routes.set('/feeds/huge.atom', {
      body: `<feed xmlns="http://www.w3.org/2005/Atom">${' '.repeat(65 * 1024)}</feed>`,
    })
    const dtd = await addSource('DTD', '/feeds/dtd.atom')
    const huge = await addSource('Huge', '/feeds/huge.atom')
    expect((await poll(dtd.id)).error).toMatch(/no DTDs/)
    expect((await poll(huge.id)).error).toMatch(/at most 65536|over 65536/)
  })

  it('flags the warnings of a source unchanged for longer than its stale-after, and lists the stale and failing sources', async () => {
    const later = await board()
    expect(later.items.map((w) => [w.identifier, w.sourceStale])).toEqual([
      ['43b080713727-2', true],
      ['TRI13970876.2', true],
    ])
    expect(later.sources).toContainEqual(
      expect.objectContaining({ name: 'Silent', state: 'stale', lastError: 'HTTP 503 Service Unavailable' }),
    )
    expect(later.sources).toContainEqual(expect.objectContaining({ name: 'Atom test', state: 'stale' }))
  })

  it("the node's poller polls an enabled source when it is due, and not again before its interval has passed", async () => {
    server.feed('/feeds/own.atom', 'index.atom', { etag: '"o1"' })
    const own = await addSource('Polled by the node', '/feeds/own.atom', true)
    const poller = node.capPoller!
    expect(poller.owning).toBe(true)
    await poller.pollDue()
    await poller.pollDue()
    const first = (await row(own.id)).last_fetched_at
    expect(first).toEqual(clock.now())
    server.requests.length = 0
    clock.advance(30_000)
    await poller.pollDue()
    expect(server.requests.filter((r) => r.path === '/feeds/own.atom')).toEqual([])
    clock.advance(30_000)
    await poller.pollDue()
    expect(server.requests.filter((r) => r.path === '/feeds/own.atom')).toEqual([
      { path: '/feeds/own.atom', ifNoneMatch: '"o1"' },
    ])
  })
})
