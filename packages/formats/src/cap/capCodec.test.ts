import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CapAlert } from '@liaison/core'
import { readCap } from './readCap.ts'
import { writeCap } from './writeCap.ts'
import { validateCapXsd } from './validateCapXsd.ts'
import { capLuNamespace } from './capNamespaces.ts'

const examples = ['A.1', 'A.2', 'A.3', 'A.4'].map((name) => ({
  name,
  xml: readFileSync(new URL(`./examples/CAP-v1.2-appendix-${name}.xml`, import.meta.url), 'utf8'),
}))

function read(xml: string | Uint8Array): CapAlert {
  const result = readCap(xml)
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value.alert
}

function write(alert: CapAlert): string {
  const result = writeCap(alert)
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}

describe('CAP codec', () => {
  it.each(examples)(
    'the official example $name validates against the XSD and round-trips without loss',
    ({ xml }) => {
      expect(validateCapXsd(xml)).toEqual([])
      const first = readCap(xml)
      expect(first.ok && first.value.warnings).toEqual([])
      const alert = read(xml)
      const written = write(alert)
      expect(validateCapXsd(written)).toEqual([])
      expect(read(written)).toEqual(alert)
      expect(write(read(written))).toBe(written)
    },
  )

  it('reads every element of the examples: resources, eventCodes, geocodes, circles, two languages', () => {
    const [a1, a2, a3, a4] = examples.map((e) => read(e.xml))
    expect(a1?.info[0]?.resource[0]?.mimeType).toBeTruthy()
    expect(a2?.info[0]?.eventCode.length).toBeGreaterThan(0)
    expect(a2?.info[0]?.area[0]?.polygon.length).toBe(1)
    expect(a2?.info[0]?.area[0]?.geocode.length).toBeGreaterThan(0)
    expect(a3?.msgType).toBe('Update')
    expect(a3?.references).toBeTruthy()
    expect(a3?.info[0]?.area[0]?.circle.length).toBe(1)
    expect(a4?.info.map((i) => i.language)).toEqual(['en-US', 'es-US'])
  })

  it('writes only what validates: a rule problem is refused with its path', () => {
    const alert = read(examples[1]?.xml ?? '')
    const info = alert.info[0]
    if (info === undefined) throw new Error('no info')
    const bad = { ...alert, info: [{ ...info, web: 'not a uri', area: [] }] }
    const result = writeCap(bad)
    expect(result.ok ? [] : result.error.map((p) => [p.path, p.reason])).toEqual([
      ['alert.info[0].web', 'web_not_absolute'],
    ])
  })

  it('escapes text so that the output stays well-formed and valid', () => {
    const alert = read(examples[0]?.xml ?? '')
    const tricky = { ...alert, note: 'A & B <script> "x" \u0001' }
    const xml = write(tricky)
    expect(validateCapXsd(xml)).toEqual([])
    expect(read(xml).note).toBe('A & B <script> "x"')
  })

  it('names the element an XSD problem is in, as the section-3 rules name it, with its line', () => {
    const a2 = examples[1]?.xml ?? ''
    // a second area's polygon in the first info, and a bad urgency
    const broken = a2
      .replace('<urgency>Immediate</urgency>', '<urgency>Soon</urgency>')
      .replace(
        '</area>',
        '</area>\n<area><areaDesc>two</areaDesc><polygon>x</polygon><colour>red</colour></area>',
      )
    const problems = validateCapXsd(broken)
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['alert.info[0].urgency', 'alert.info[0].area[1].colour']),
    )
    for (const p of problems) expect(p.message).toMatch(/^line \d+: /)
  })

  it('refuses CAP 1.1 and other namespaces as "not CAP 1.2"', () => {
    const cap11 = (examples[0]?.xml ?? '').replace('cap:1.2', 'cap:1.1')
    for (const xml of [cap11, '<alert xmlns="urn:example"><identifier>x</identifier></alert>', '<feed/>']) {
      const result = readCap(xml)
      expect(
        result.ok ? [] : result.error.map((p) => [p.reason, p.message.startsWith('not CAP 1.2')]),
      ).toEqual([['not_cap_12', true]])
    }
  })

  it('reads the CAP-LU profile namespace and a prefixed CAP 1.2 document', () => {
    const lu = (examples[2]?.xml ?? '').replace('urn:oasis:names:tc:emergency:cap:1.2', capLuNamespace)
    const result = readCap(lu)
    expect(result.ok && result.value.namespace).toBe(capLuNamespace)
    expect(validateCapXsd(lu, capLuNamespace)).toEqual([])
    const prefixed = (examples[2]?.xml ?? '')
      .replace('xmlns = "', 'xmlns:cap = "')
      .replace(/<(\/?)(?!\?)/g, '<$1cap:')
    expect(read(prefixed)).toEqual(read(examples[2]?.xml ?? ''))
  })

  it('returns an imported message with warnings where it is still usable', () => {
    const xml = (examples[1]?.xml ?? '').replace(/<web>[^<]*<\/web>/, '<web>www.example.org</web>')
    const withWeb = xml.includes('<web>')
      ? xml
      : xml.replace('</instruction>', '</instruction><web>www.example.org</web>')
    const result = readCap(withWeb)
    expect(result.ok && result.value.warnings.map((w) => w.reason)).toEqual(['web_not_absolute'])
  })

  it('refuses a message without identity, and a malformed document with its line', () => {
    const noSender = (examples[0]?.xml ?? '').replace(/<sender>[^<]*<\/sender>/, '')
    const refused = readCap(noSender)
    expect(refused.ok ? [] : refused.error.map((p) => p.path)).toContain('alert.sender')
    const broken = readCap('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\n<identifier>x</sender>')
    expect(broken.ok ? undefined : broken.error[0]?.reason).toBe('xml_malformed')
  })

  it('handles a byte-order mark and ISO-8859-1', () => {
    const xml = examples[0]?.xml ?? ''
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)])
    expect(read(bom)).toEqual(read(xml))
    const latin = xml.replace('UTF-8', 'ISO-8859-1').replace('<note>', '<note>Liège ')
    const hasNote = latin.includes('<note>') ? latin : latin.replace('<scope>', '<note>Liège </note><scope>')
    const bytes = Uint8Array.from(hasNote, (c) => c.charCodeAt(0))
    expect(bytes.includes(0xe8)).toBe(true)
    expect(read(bytes).note).toBe('Liège')
  })

  it.each([
    [
      'an external entity (XXE)',
      '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>&xxe;</note></alert>',
    ],
    [
      'a billion laughs',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>&lol2;</note></alert>',
    ],
    ['a lowercase doctype', '<!doctype alert><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>'],
  ])('refuses %s quickly', (_, xml) => {
    const started = performance.now()
    const result = readCap(xml)
    expect(result.ok ? undefined : result.error[0]?.reason).toBe('doctype_refused')
    expect(performance.now() - started).toBeLessThan(100)
  })

  it('refuses a document over the size limit before parsing it; the limit is configurable', () => {
    const big = new Uint8Array(100 * 1024 * 1024)
    const result = readCap(big)
    expect(result.ok ? undefined : result.error[0]?.reason).toBe('too_long')
    const xml = examples[0]?.xml ?? ''
    expect(readCap(xml, { maxBytes: 100 }).ok).toBe(false)
    expect(readCap(`${xml}${' '.repeat(1024 * 1024 - xml.length)}`).ok).toBe(true)
  })

  it('refuses a polygon of a million points without keeping it', () => {
    const points = Array.from({ length: 1_000_000 }, (_, i) => `50.${i % 1000},4.3`).join(' ')
    const xml = (examples[1]?.xml ?? '').replace(/<polygon>[^<]*<\/polygon>/, `<polygon>${points}</polygon>`)
    const started = performance.now()
    const result = readCap(xml, { maxBytes: 64 * 1024 * 1024 })
    expect(result.ok ? undefined : result.error.map((p) => p.reason)).toContain('polygon_too_many_points')
    expect(performance.now() - started).toBeLessThan(1500)
  })
})
