import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readCapFeed } from './readCapFeed.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../tests/fixtures/cap-feeds/${name}`, import.meta.url), 'utf8')

describe('readCapFeed', () => {
  it("reads an Atom index: each entry's CAP link, else its alternate link", () => {
    expect(readCapFeed(fixture('index.atom'))).toEqual({
      ok: true,
      value: {
        kind: 'atom',
        entries: [
          {
            url: '/examples/CAP-v1.2-appendix-A.1.xml',
            id: 'urn:liaison:test:A.1',
            updated: '2003-04-02T19:39:01Z',
          },
          {
            url: '../examples/CAP-v1.2-appendix-A.2.xml',
            id: 'urn:liaison:test:A.2',
            updated: '2003-06-17T21:57:00Z',
          },
          {
            url: '/examples/CAP-v1.2-appendix-A.4.xml',
            id: 'urn:liaison:test:A.4',
            updated: '2003-06-12T05:39:00Z',
          },
          { url: 'cap11.xml', id: 'urn:liaison:test:old', updated: '2003-06-12T05:39:00Z' },
        ],
      },
    })
  })
  it("reads an RSS index: each item's CAP enclosure, else its link", () => {
    const read = readCapFeed(new TextEncoder().encode(fixture('index.rss')))
    expect(read).toEqual({
      ok: true,
      value: {
        kind: 'rss',
        entries: [
          {
            url: '/examples/CAP-v1.2-appendix-A.3.xml',
            id: 'TRI13970876.2',
            updated: 'Thu, 12 Jun 2003 03:56:00 GMT',
          },
          { url: '/feeds/about.html', id: 'about', updated: null },
        ],
      },
    })
  })
  it('knows a CAP document given as a source', () => {
    expect(readCapFeed(fixture('A.4-cancel.xml'))).toEqual({ ok: true, value: { kind: 'cap' } })
  })
  it('refuses a DTD, what is not well-formed and what is neither Atom, RSS nor CAP', () => {
    const dtd = readCapFeed('<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed>&x;</feed>')
    expect(dtd.ok ? '' : dtd.error).toMatch(/no DTDs/)
    expect(readCapFeed('<feed><entry></feed>').ok).toBe(false)
    expect(readCapFeed('<html><body/></html>')).toEqual({
      ok: false,
      error: 'neither an Atom feed, an RSS feed nor a CAP alert',
    })
  })
})
