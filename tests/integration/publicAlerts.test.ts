import type { CapAlert } from '@liaison/core'
import { validateCapXsd } from '@liaison/formats'
import { fixedClock } from '@liaison/server'
import { XmlDocument } from 'libxml2-wasm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

interface AlertAnswer {
  id: string
  version: number
  state: string
  cap: CapAlert
}

const info = (language: string, headline: string, instruction: string) => ({
  language,
  category: ['CBRNE'],
  event: 'Chemische brand',
  responseType: ['Shelter'],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  expires: '2026-12-03T18:00:00+01:00',
  headline,
  description: 'Een brand in de haven geeft giftige rook.',
  instruction,
  parameter: [],
  resource: [],
  area: [
    {
      areaDesc: 'Anvers / Antwerpen',
      polygon: ['51.10,4.20 51.10,4.60 51.35,4.60 51.35,4.20 51.10,4.20'],
      circle: [],
      geocode: [],
    },
    { areaDesc: 'Haven', polygon: [], circle: ['51.30,4.30 3'], geocode: [] },
  ],
})
const content = (over: object = {}) => ({
  status: 'Actual',
  sender: 'alert@nccn.be',
  scope: 'Public',
  info: [
    info('nl-BE', 'Sluit ramen en deuren', 'Blijf binnen, sluit ramen en deuren.'),
    info('fr-BE', 'Fermez portes et fenêtres', 'Restez à l’intérieur, fermez portes et fenêtres.'),
  ],
  channels: ['feed'],
  ...over,
})

const atom = { a: 'http://www.w3.org/2005/Atom', g: 'http://www.georss.org/georss' }

/** Parses the feed (it must be well-formed) and checks RFC 4287's required elements. */
function feedEntries(xml: string): { id: string; title: string; capUrl: string; expires: string | null }[] {
  const doc = XmlDocument.fromString(xml.replace(/^<\?xml[^>]*\?>/, ''))
  try {
    for (const path of ['/a:feed/a:id', '/a:feed/a:title', '/a:feed/a:updated', '/a:feed/a:author/a:name'])
      expect(doc.get(path, atom), path).not.toBeNull()
    expect(doc.get('/a:feed/a:link[@rel="self"]/@href', atom)?.content).toMatch(/\/feed\.atom/)
    return doc.find('/a:feed/a:entry', atom).map((e) => {
      for (const path of ['a:id', 'a:title', 'a:updated', 'a:summary', 'a:author/a:name'])
        expect(e.get(path, atom), path).not.toBeNull()
      expect(e.find('g:polygon', atom).length + e.find('g:circle', atom).length).toBeGreaterThan(0)
      return {
        id: e.get('a:id', atom)?.content ?? '',
        title: e.get('a:title', atom)?.content ?? '',
        capUrl: e.get('a:link[@type="application/cap+xml"]/@href', atom)?.content ?? '',
        expires: e.get('*[local-name()="expires"]')?.content ?? null,
      }
    })
  } finally {
    doc.dispose()
  }
}

describe.each(engines.map((e) => [e.name, e] as const))('the public alerts on %s', (_name, engine) => {
  const clock = fixedClock(new Date('2026-12-03T10:00:00Z'))
  let node: TestNode
  let author: TestSession
  let approver: TestSession

  const send = async (s: TestSession, url: string, payload: object, status = 200) => {
    const answer = await node.app.inject({ method: 'POST', url, headers: s.headers(), payload })
    expect(answer.statusCode, answer.body).toBe(status)
    return answer.json<AlertAnswer>()
  }
  const issue = async (over: object = {}) => {
    const a = await send(author, '/api/v1/alerts', content(over), 201)
    const s = await send(author, `/api/v1/alerts/${a.id}/submit`, { version: a.version })
    return send(approver, `/api/v1/alerts/${s.id}/approve`, { version: s.version })
  }
  const pub = (url: string, headers: Record<string, string> = {}) =>
    node.publicApp!.inject({ method: 'GET', url, headers })
  /** The processor writes the table after the commit: wait until the public side shows `done`. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const until = Date.now() + 10_000
    for (;;) {
      const value = await read()
      if (done(value) || Date.now() > until) return value
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const feed = async (query = '') => feedEntries((await pub(`/feed.atom${query}`)).body)
  const has = (id: string) => (entries: { capUrl: string }[]) => entries.some((e) => e.capUrl.includes(id))

  beforeAll(async () => {
    node = await startTestNode(engine, { clock })
    author = await signedInAs(node, ['alert-author'])
    approver = await signedInAs(node, ['alert-approver'])
  }, 60_000)
  afterAll(async () => node?.dispose())

  it('puts an issued Actual alert in the Atom feed, its exact CAP XML valid against the XSD, and its JSON', async () => {
    const alert = await issue()
    const entries = await eventually(feed, has(alert.id))
    const entry = entries.find((e) => e.capUrl.includes(alert.id))
    expect(entry).toMatchObject({ title: 'Sluit ramen en deuren', expires: '2026-12-03T17:00:00.000Z' })
    expect(entry?.capUrl).toBe(`http://127.0.0.1/cap/${alert.id}.xml`)
    const xml = await pub(`/cap/${alert.id}.xml`)
    expect(xml.statusCode).toBe(200)
    expect(xml.headers['content-type']).toBe('application/cap+xml; charset=utf-8')
    expect(validateCapXsd(xml.body)).toEqual([])
    // the exact XML issued, byte for byte
    const issued = await node.deps.store.db
      .selectFrom('alerts')
      .select('issued_xml')
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow()
    expect(xml.body).toBe(issued.issued_xml)
    const json = await pub(`/cap/${alert.id}.json`)
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(json.json<CapAlert>()).toMatchObject({ identifier: alert.id, status: 'Actual', scope: 'Public' })
    const row = await node.deps.store.db
      .selectFrom('public_alerts')
      .selectAll()
      .where('identifier', '=', alert.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      current: true,
      status: 'Actual',
      msg_type: 'Alert',
      languages: ['nl-BE', 'fr-BE'],
    })
    expect(row.headlines).toEqual({ 'nl-BE': 'Sluit ramen en deuren', 'fr-BE': 'Fermez portes et fenêtres' })
    expect(row.areas.features).toHaveLength(2)
  })

  it('shows Exercise and Test alerts only to a consumer who asks, never mixed in by default', async () => {
    const exercise = await issue({ status: 'Exercise' })
    const asked = await eventually(() => feed('?status=Exercise,Test'), has(exercise.id))
    expect(asked.some((e) => e.capUrl.includes(exercise.id))).toBe(true)
    expect((await feed()).some((e) => e.capUrl.includes(exercise.id))).toBe(false)
    expect((await feed('?status=Test')).some((e) => e.capUrl.includes(exercise.id))).toBe(false)
    for (const bad of [
      '?status=Nope',
      '?status=Actual&status=Test',
      '?status=System',
      '?status=',
      '?status=Draft,Actual',
    ]) {
      const refused = await pub(`/feed.atom${bad}`)
      expect(refused.statusCode, bad).toBe(400)
      expect(refused.json()).toMatchObject({ error: { code: 'validation_failed' } })
      expect(refused.body).toContain('status')
    }
  })

  it('never publishes a Restricted alert, in the table, the feed, its CAP or the page', async () => {
    const restricted = await issue({ scope: 'Restricted', restriction: 'Voor de hulpdiensten' })
    expect(restricted.state).toBe('issued')
    // an Actual alert issued after it is public: the processor has passed the Restricted one by
    const later = await issue()
    await eventually(feed, has(later.id))
    for (const query of ['', '?status=Actual,Exercise,Test'])
      expect((await feed(query)).some((e) => e.capUrl.includes(restricted.id))).toBe(false)
    expect((await pub(`/cap/${restricted.id}.xml`)).statusCode).toBe(404)
    expect((await pub(`/cap/${restricted.id}.json`)).statusCode).toBe(404)
    const rows = await node.deps.store.db
      .selectFrom('public_alerts')
      .select(['identifier', 'scope'])
      .execute()
    expect(rows.map((r) => r.identifier)).not.toContain(restricted.id)
    expect(new Set(rows.map((r) => r.scope))).toEqual(new Set(['Public']))
  })

  it('takes a cancelled alert out of the current feed, and lists the Cancel', async () => {
    const original = await issue()
    await eventually(feed, has(original.id))
    const cancel = await send(approver, `/api/v1/alerts/${original.id}/corrections`, { kind: 'Cancel' }, 201)
    await send(approver, `/api/v1/alerts/${cancel.id}/issue-alone`, { version: 1, exception: 'cancel' })
    const entries = await eventually(feed, (e) => !has(original.id)(e))
    expect(entries.some((e) => e.capUrl.includes(original.id))).toBe(false)
    expect(entries.some((e) => e.capUrl.includes(cancel.id))).toBe(true)
    // what was issued stays readable by its identifier
    expect((await pub(`/cap/${original.id}.xml`)).statusCode).toBe(200)
    // the page shows the Cancel as the end of the alert
    const html = (await pub('/?lang=nl')).body
    expect(html).toMatch(
      /<article class="ended"[^>]*>\n<h3[^>]*>Cancelled: Sluit ramen en deuren<\/h3>\n<p><strong>Einde waarschuwing<\/strong><\/p>/,
    )
  })

  it('sends an ETag and Cache-Control, and 304 on If-None-Match', async () => {
    // the processor writes the table after the commit: the answers change until it has
    const alert = await issue()
    await eventually(feed, has(alert.id))
    for (const url of ['/feed.atom', '/', `/cap/${alert.id}.xml`]) {
      const first = await eventually(
        () => pub(url),
        (a) => a.statusCode === 200,
      )
      const etag = first.headers['etag'] as string
      expect(etag, url).toMatch(/^"[\w-]{32}"$/)
      expect(first.headers['cache-control'], url).toMatch(/^public, max-age=\d+$/)
      const again = await pub(url, { 'if-none-match': `W/"other", ${etag}` })
      expect(again.statusCode, url).toBe(304)
      expect(again.body).toBe('')
      expect((await pub(url, { 'if-none-match': '"other"' })).statusCode, url).toBe(200)
    }
  })

  it('shows the current Actual alerts on the public page in the reader’s language, with a map and no script', async () => {
    const alert = await issue()
    await eventually(feed, has(alert.id))
    const fr = await pub('/', { 'accept-language': 'fr-BE' })
    expect(fr.headers['content-language']).toBe('fr')
    const html = fr.body
    expect(Buffer.byteLength(html)).toBeLessThan(100 * 1024)
    expect(html).not.toContain('<script')
    expect(html).toMatch(/<h3 id="alert-\d+" lang="fr-BE">Fermez portes et fenêtres<\/h3>/)
    expect(html).toContain('<dt>Gravité</dt><dd>Grave</dd>')
    expect(html).toContain('Anvers / Antwerpen, Haven')
    expect(html).toContain('Restez à l’intérieur, fermez portes et fenêtres.')
    expect(html).toMatch(/<dt>Valable jusqu’au<\/dt><dd>jeudi 3 décembre 2026[^<]*18:00<\/dd>/)
    // structure for assistive technology: one h1, articles named by their h3, maps with a title
    expect(html.match(/<h1/g)).toHaveLength(1)
    // (the suite's earlier alerts are on the page too, in an order their equal sent times leave open)
    const labelled = [...html.matchAll(/<article (?:class="ended" )?aria-labelledby="(alert-\d+)"/g)].map(
      (m) => m[1],
    )
    expect(labelled.length).toBeGreaterThan(0)
    for (const id of labelled) expect(html).toContain(`<h3 id="${id}"`)
    expect(html).toMatch(/<article aria-labelledby="alert-\d+" data-testid="public-alert">/)
    expect(html).toMatch(
      /<svg class="map" role="img"[^>]*><title>Carte de la zone: Anvers \/ Antwerpen, Haven<\/title>/,
    )
    expect(html).toContain('<symbol id="benelux"')
    const nl = (await pub('/?lang=nl')).body
    expect(nl).toContain('lang="nl-BE">Sluit ramen en deuren</h3>')
    expect(nl).toContain('<dt>Ernst</dt><dd>Ernstig</dd>')
  })
})
