import { XmlDocument } from 'libxml2-wasm'
import { describe, expect, it } from 'vitest'
import type { AtomFeed, AtomFeedEntry } from './writeCapAtomFeed.ts'
import { georssCircleOf, georssPolygonOf, writeCapAtomFeed } from './writeCapAtomFeed.ts'

const entry = (n: number): AtomFeedEntry => ({
  identifier: `id-${n}`,
  sender: 'alert@nccn.be',
  sent: '2026-12-03T11:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  title: `Sluit ramen & deuren <${n}>`,
  summary: 'Een brand in de haven geeft giftige rook.',
  language: 'nl-BE',
  author: 'NCCN',
  updated: new Date('2026-12-03T10:00:00Z'),
  expires: new Date('2026-12-03T17:00:00Z'),
  event: 'Chemische brand',
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  areaDesc: ['Antwerpen', 'Haven'],
  polygons: ['51.10,4.20 51.10,4.60 51.35,4.60 51.10,4.20'],
  circles: ['51.30,4.30 3'],
  capUrl: `https://alert.example.org/cap/id-${n}.xml`,
  jsonUrl: `https://alert.example.org/cap/id-${n}.json`,
})
const feed = (entries: AtomFeedEntry[]): AtomFeed => ({
  id: 'https://alert.example.org/feed.atom',
  title: 'NCCN',
  selfUrl: 'https://alert.example.org/feed.atom',
  pageUrl: 'https://alert.example.org/',
  author: 'NCCN',
  language: 'nl',
  updated: new Date('2026-12-03T10:00:00Z'),
  entries,
})
const ns = { a: 'http://www.w3.org/2005/Atom', g: 'http://www.georss.org/georss' }

describe('writeCapAtomFeed', () => {
  it('writes well-formed Atom with the required elements and the areas as GeoRSS', () => {
    const written = writeCapAtomFeed(feed([entry(1), entry(2)]))
    expect(written).toMatchObject({ entries: 2, leftOut: 0 })
    const doc = XmlDocument.fromString(written.xml.replace(/^<\?xml[^>]*\?>/, ''))
    try {
      for (const path of ['/a:feed/a:id', '/a:feed/a:title', '/a:feed/a:updated', '/a:feed/a:author/a:name'])
        expect(doc.get(path, ns), path).not.toBeNull()
      const entries = doc.find('/a:feed/a:entry', ns)
      expect(entries).toHaveLength(2)
      const first = entries[0]!
      expect(first.get('a:title', ns)?.content).toBe('Sluit ramen & deuren <1>')
      for (const path of ['a:id', 'a:updated', 'a:summary', 'a:author/a:name'])
        expect(first.get(path, ns), path).not.toBeNull()
      expect(first.get('a:link[@type="application/cap+xml"]/@href', ns)?.content).toBe(
        'https://alert.example.org/cap/id-1.xml',
      )
      expect(first.get('g:polygon', ns)?.content).toBe('51.10 4.20 51.10 4.60 51.35 4.60 51.10 4.20')
      expect(first.get('g:circle', ns)?.content).toBe('51.30 4.30 3000')
    } finally {
      doc.dispose()
    }
  })

  it('stays under its size limit by leaving out the oldest entries, and counts them', () => {
    const many = Array.from({ length: 50 }, (_, i) => entry(i))
    const written = writeCapAtomFeed(feed(many), 10_000)
    expect(written.entries).toBeGreaterThan(0)
    expect(written.leftOut).toBe(50 - written.entries)
    expect(Buffer.byteLength(written.xml)).toBeLessThanOrEqual(10_000)
    expect(written.xml).toContain('id-0.xml')
    expect(written.xml).not.toContain('id-49.xml')
  })

  it('converts CAP geometry to GeoRSS', () => {
    expect(georssPolygonOf(' 1,2  3,4 ')).toBe('1 2 3 4')
    expect(georssCircleOf('51.3,4.3 2.5')).toBe('51.3 4.3 2500')
    expect(georssCircleOf('nonsense')).toBeNull()
  })
})
