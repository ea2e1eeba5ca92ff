import { createHash } from 'node:crypto'
import type { CapAlert } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import type { AtomFeedEntry } from '@liaison/formats'
import { writeCapAtomFeed } from '@liaison/formats'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { NodeConfig } from '../config.ts'
import type { App } from '../http/AppDeps.ts'
import type { Clock } from '../runtime/Clock.ts'
import type { PublicAlertReader, PublicAlertRow } from '../store/alerts/publicAlertRows.ts'
import { publicLanguage, publicLanguages } from './publicLanguage.ts'
import { publicPage } from './publicPage.ts'

export interface PublicAlertRouteDeps {
  readonly config: NodeConfig
  readonly clock: Clock
  readonly alerts: PublicAlertReader
  readonly publicUrl: () => string
  /** Citizen registration is served here: the page links to the citizen page (`/register`). */
  readonly registration?: boolean
}

const feedStatuses = ['Actual', 'Exercise', 'Test'] as const
type FeedStatus = (typeof feedStatuses)[number]

/** CAP forbids spaces, commas, `<` and `&` in an identifier; this listener also keeps to a sane length. */
const identifierPattern = /^[A-Za-z0-9._:@+-]{1,200}$/

/** `?status=Exercise,Test`: the statuses a consumer asks for; Actual alone unless asked. */
export function feedStatusesOf(query: unknown): FeedStatus[] {
  const given = (query as Record<string, unknown> | null)?.['status']
  if (given === undefined) return ['Actual']
  const refuse = (message: string) =>
    new LiaisonError('validation_failed', `status: ${message}`, [{ path: 'querystring/status', message }])
  if (typeof given !== 'string') throw refuse('give it once, as a comma-separated list')
  const wanted = given.split(',').map((s) => s.trim())
  const statuses: FeedStatus[] = []
  for (const s of wanted) {
    const status = feedStatuses.find((f) => f === s)
    if (status === undefined)
      throw refuse(`${JSON.stringify(s.slice(0, 40))} is not one of ${feedStatuses.join(', ')}`)
    if (!statuses.includes(status)) statuses.push(status)
  }
  return statuses
}

/** A strong validator of a body: its SHA-256, quoted. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

/** Does `If-None-Match` name this ETag (or `*`)? Weak comparison, as RFC 9110 asks for GET. */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false
  const text = (Array.isArray(header) ? header.join(',') : header).slice(0, 4096)
  return text
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag)
}

/** Sends a body with its ETag and caching, or 304 when the client already has it. */
function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  body: string,
  type: string,
  cacheControl: string,
): FastifyReply {
  const etag = etagOf(body)
  void reply.header('etag', etag).header('cache-control', cacheControl)
  if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) return reply.status(304).send()
  return reply.type(type).send(body)
}

function entryOf(row: PublicAlertRow, base: string): AtomFeedEntry {
  const cap = row.json
  const info = cap.info[0]
  const areas = cap.info.flatMap((i) => i.area)
  const file = `${base}/cap/${encodeURIComponent(row.identifier)}`
  return {
    identifier: row.identifier,
    sender: row.sender,
    sent: cap.sent,
    status: row.status,
    msgType: row.msg_type,
    title: info?.headline ?? info?.event ?? row.identifier,
    summary: (info?.description ?? info?.headline ?? info?.event ?? '').slice(0, 2_000),
    language: info?.language ?? 'en-US',
    author: info?.senderName ?? row.sender,
    updated: row.updated_at,
    expires: row.expires,
    event: info?.event ?? '',
    urgency: info?.urgency ?? 'Unknown',
    severity: info?.severity ?? 'Unknown',
    certainty: info?.certainty ?? 'Unknown',
    areaDesc: [...new Set(areas.map((a) => a.areaDesc))],
    polygons: [...new Set(areas.flatMap((a) => a.polygon))],
    circles: [...new Set(areas.flatMap((a) => a.circle))],
    capUrl: `${file}.xml`,
    jsonUrl: `${file}.json`,
  }
}

/**
 * The public alerts on the public listener (decision 034), read from the `public_alerts` table
 * only: the page, the Atom index feed, each alert's exact CAP XML and its JSON, with ETags.
 */
export function publicAlertRoutes(app: App, deps: PublicAlertRouteDeps): void {
  const base = () => deps.publicUrl().replace(/\/+$/, '')
  const centreLanguage = () => publicLanguage(undefined, deps.config.node.country)

  app.get('/', async (req, reply) => {
    const query = req.query as Record<string, unknown>
    const chosen = publicLanguages.find((l) => l === query['lang'])
    const language = chosen ?? publicLanguage(req.headers['accept-language'], deps.config.node.country)
    const rows = await deps.alerts.current(['Actual'], deps.clock.now())
    const alerts = rows.map((r) => ({ cap: r.json, areas: r.areas, expires: r.expires }))
    const html = publicPage(
      { name: deps.config.node.name, country: deps.config.node.country },
      language,
      alerts,
      { registration: deps.registration ?? false },
    )
    void reply.header('content-language', language).header('vary', 'accept-language')
    return sendCached(req, reply, html, 'text/html; charset=utf-8', 'public, max-age=60')
  })

  app.get('/feed.atom', async (req, reply) => {
    const statuses = feedStatusesOf(req.query)
    const rows = await deps.alerts.current(statuses, deps.clock.now())
    // the last change to the public alerts (one leaving the feed counts), stable between changes
    const newest = rows.reduce<Date>(
      (m, r) => (r.updated_at > m ? r.updated_at : m),
      (await deps.alerts.lastChange()) ?? new Date(0),
    )
    const query = statuses.length === 1 && statuses[0] === 'Actual' ? '' : `?status=${statuses.join(',')}`
    const written = writeCapAtomFeed({
      id: `${base()}/feed.atom${query}`,
      title: `${deps.config.node.name}${query ? ` (${statuses.join(', ')})` : ''}`,
      selfUrl: `${base()}/feed.atom${query}`,
      pageUrl: `${base()}/`,
      author: deps.config.node.name,
      language: centreLanguage(),
      updated: newest,
      entries: rows.map((r) => entryOf(r, base())),
    })
    if (written.leftOut > 0) {
      req.log.warn({ leftOut: written.leftOut, entries: written.entries }, 'the public feed is full (900 KB)')
      void reply.header('x-feed-left-out', String(written.leftOut))
    }
    return sendCached(req, reply, written.xml, 'application/atom+xml; charset=utf-8', 'public, max-age=60')
  })

  app.get('/cap/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file
    const match = /^(.*)\.(xml|json)$/.exec(file)
    const identifier = match?.[1] ?? ''
    if (!match || !identifierPattern.test(identifier))
      throw new LiaisonError('not_found', 'no such alert: ask for /cap/{identifier}.xml or .json')
    const row = await deps.alerts.byIdentifier(identifier)
    if (!row) throw new LiaisonError('not_found', `no public alert ${identifier}`)
    // what was issued never changes: a cache may keep it an hour
    const cache = 'public, max-age=3600'
    if (match[2] === 'xml')
      return sendCached(req, reply, row.xml, 'application/cap+xml; charset=utf-8', cache)
    const json: CapAlert = row.json
    return sendCached(req, reply, JSON.stringify(json), 'application/json; charset=utf-8', cache)
  })
}
