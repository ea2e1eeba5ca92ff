import { cap12Namespace } from './capNamespaces.ts'
import { xmlEscape } from '../xml/xmlText.ts'

export const atomNamespace = 'http://www.w3.org/2005/Atom'
export const georssNamespace = 'http://www.georss.org/georss'

/** The Google Public Alerts limit on an index feed. */
export const capFeedMaxBytes = 900 * 1024

/** One alert in an index feed (OASIS "CAP feeds" note): what a consumer needs to decide to fetch it. */
export interface AtomFeedEntry {
  readonly identifier: string
  readonly sender: string
  /** The CAP `sent`, as CAP writes it. */
  readonly sent: string
  readonly status: string
  readonly msgType: string
  readonly title: string
  readonly summary: string
  readonly language: string
  readonly author: string
  readonly updated: Date
  readonly expires: Date | null
  readonly event: string
  readonly urgency: string
  readonly severity: string
  readonly certainty: string
  readonly areaDesc: readonly string[]
  /** CAP polygons: `lat,lon lat,lon …`. */
  readonly polygons: readonly string[]
  /** CAP circles: `lat,lon radius-km`. */
  readonly circles: readonly string[]
  /** Where the exact CAP XML is. */
  readonly capUrl: string
  readonly jsonUrl: string
}

export interface AtomFeed {
  readonly id: string
  readonly title: string
  readonly selfUrl: string
  readonly pageUrl: string
  readonly author: string
  readonly language: string
  /** When the feed last changed (its newest entry's `updated`, or a fixed time when empty). */
  readonly updated: Date
  /** Newest first: beyond `maxBytes`, the oldest are left out. */
  readonly entries: readonly AtomFeedEntry[]
}

export interface WrittenCapFeed {
  readonly xml: string
  readonly entries: number
  /** How many entries did not fit under the size limit (the oldest). */
  readonly leftOut: number
}

/** The length of a string in UTF-8 (formats has no I/O, hence no Buffer or TextEncoder). */
function byteLength(text: string): number {
  let bytes = 0
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
  }
  return bytes
}

const el = (name: string, value: string, attrs = ''): string =>
  `<${name}${attrs}>${xmlEscape(value)}</${name}>`

/** A CAP polygon as a GeoRSS polygon (`lat lon lat lon …`). */
export function georssPolygonOf(capPolygon: string): string {
  return capPolygon
    .trim()
    .split(/\s+/)
    .map((pair) => pair.replace(',', ' '))
    .join(' ')
}

/** A CAP circle (`lat,lon km`) as a GeoRSS circle (`lat lon metres`). */
export function georssCircleOf(capCircle: string): string | null {
  const [centre = '', km = ''] = capCircle.trim().split(/\s+/)
  const metres = Number(km) * 1000
  if (!centre.includes(',') || !Number.isFinite(metres)) return null
  return `${centre.replace(',', ' ')} ${Math.round(metres)}`
}

function entryXml(e: AtomFeedEntry): string {
  const parts = [
    '<entry>',
    el('id', e.capUrl),
    el('title', e.title),
    el('updated', e.updated.toISOString()),
    el('published', new Date(e.sent).toISOString()),
    `<author>${el('name', e.author)}</author>`,
    el('summary', e.summary, ` type="text" xml:lang="${xmlEscape(e.language)}"`),
    `<link rel="alternate" type="application/cap+xml" href="${xmlEscape(e.capUrl)}"/>`,
    `<link rel="alternate" type="application/json" href="${xmlEscape(e.jsonUrl)}"/>`,
    el('cap:identifier', e.identifier),
    el('cap:sender', e.sender),
    el('cap:sent', e.sent),
    el('cap:status', e.status),
    el('cap:msgType', e.msgType),
    el('cap:scope', 'Public'),
    el('cap:event', e.event),
    el('cap:urgency', e.urgency),
    el('cap:severity', e.severity),
    el('cap:certainty', e.certainty),
    ...(e.expires ? [el('cap:expires', e.expires.toISOString())] : []),
    ...(e.areaDesc.length > 0 ? [el('cap:areaDesc', e.areaDesc.join('; '))] : []),
    ...e.polygons.map((p) => el('georss:polygon', georssPolygonOf(p))),
    ...e.circles.flatMap((c) => {
      const circle = georssCircleOf(c)
      return circle === null ? [] : [el('georss:circle', circle)]
    }),
    '</entry>',
  ]
  return parts.join('\n')
}

/**
 * An Atom index feed of CAP alerts (RFC 4287; the OASIS CAP feeds note; Google Public Alerts):
 * per entry its id, title, updated, author, summary, expires, the CAP and JSON links and its
 * areas as GeoRSS polygons and circles. The feed stays under `maxBytes` (900 KB): entries are
 * added newest first, and those that no longer fit (the oldest) are left out and counted.
 */
export function writeCapAtomFeed(feed: AtomFeed, maxBytes = capFeedMaxBytes): WrittenCapFeed {
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="${atomNamespace}" xmlns:georss="${georssNamespace}" xmlns:cap="${cap12Namespace}" xml:lang="${xmlEscape(feed.language)}">`,
    el('id', feed.id),
    el('title', feed.title),
    el('updated', feed.updated.toISOString()),
    `<author>${el('name', feed.author)}</author>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(feed.pageUrl)}"/>`,
    el('generator', 'Liaison'),
  ].join('\n')
  const tail = '\n</feed>\n'
  let size = byteLength(head) + byteLength(tail)
  const written: string[] = []
  for (const entry of feed.entries) {
    const xml = `\n${entryXml(entry)}`
    const bytes = byteLength(xml)
    if (size + bytes > maxBytes) break
    size += bytes
    written.push(xml)
  }
  return {
    xml: head + written.join('') + tail,
    entries: written.length,
    leftOut: feed.entries.length - written.length,
  }
}
