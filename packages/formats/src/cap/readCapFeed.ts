import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { err, ok, type Result } from '@liaison/core'
import { decodeXml } from './readCap.ts'
import { list, record } from './xmlValues.ts'

/** One entry of an index feed: where its CAP document is, and what the feed says of it. */
export interface CapFeedEntry {
  /** As the feed writes it: possibly relative to the feed's address. */
  readonly url: string
  readonly id: string | null
  readonly updated: string | null
}

/**
 * What a CAP source's address gave: an Atom or RSS index of CAP documents, or a CAP document
 * itself (a source of one alert, such as a neighbour's current warning).
 */
export type CapFeed =
  { readonly kind: 'atom' | 'rss'; readonly entries: readonly CapFeedEntry[] } | { readonly kind: 'cap' }

/** The most entries read from one feed: far above real feeds, far below an attack. */
export const maxCapFeedEntries = 1000

const arrays = new Set(['entry', 'link', 'item', 'enclosure'])

/**
 * Reads an Atom (RFC 4287) or RSS 2.0 index feed of CAP documents. An Atom entry's document is
 * its link of a CAP type (`application/cap+xml`, any type naming cap), else its alternate link;
 * an RSS item's is its enclosure of a CAP type, else its link. Refuses anything with a DTD or an
 * entity declaration, what is not well-formed, and what is neither Atom, RSS nor a CAP alert.
 */
export function readCapFeed(input: string | Uint8Array): Result<CapFeed, string> {
  const decoded = typeof input === 'string' ? input : decodeXml(input)
  if (decoded === undefined) return err('the feed is not in a supported character encoding')
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return err('the feed declares a DTD or an entity: no DTDs are read')
  const wellFormed = XMLValidator.validate(text)
  if (wellFormed !== true)
    return err(`not well-formed XML: line ${wellFormed.err.line}: ${wellFormed.err.msg}`)
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: true,
    isArray: (name) => arrays.has(name),
  })
  const parsed = parser.parse(text) as Record<string, unknown>
  if (record(parsed['alert'])) return ok({ kind: 'cap' })
  const feed = record(parsed['feed'])
  if (feed) {
    const entries = list(feed['entry']).flatMap((e): CapFeedEntry[] => {
      const entry = record(e)
      if (!entry) return []
      const links = list(entry['link']).flatMap((l) => {
        const link = record(l)
        const href = link ? string(link['@_href']) : null
        return link && href
          ? [{ href, type: string(link['@_type']) ?? '', rel: string(link['@_rel']) ?? 'alternate' }]
          : []
      })
      const chosen = links.find((l) => /cap/i.test(l.type)) ?? links.find((l) => l.rel === 'alternate')
      return chosen ? [{ url: chosen.href, id: string(entry['id']), updated: string(entry['updated']) }] : []
    })
    return ok({ kind: 'atom', entries: entries.slice(0, maxCapFeedEntries) })
  }
  const channel = record(record(parsed['rss'])?.['channel'])
  if (channel) {
    const entries = list(channel['item']).flatMap((i): CapFeedEntry[] => {
      const item = record(i)
      if (!item) return []
      const enclosure = list(item['enclosure'])
        .map(record)
        .find((e) => e && /cap/i.test(string(e['@_type']) ?? ''))
      const url = (enclosure ? string(enclosure['@_url']) : null) ?? string(list(item['link'])[0])
      const guid = item['guid']
      const id = string(record(guid)?.['#text'] ?? guid)
      return url ? [{ url, id, updated: string(item['pubDate']) }] : []
    })
    return ok({ kind: 'rss', entries: entries.slice(0, maxCapFeedEntries) })
  }
  return err('neither an Atom feed, an RSS feed nor a CAP alert')
}

function string(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim()
  if (typeof value === 'number') return String(value)
  const text = record(value)?.['#text']
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : null
}
