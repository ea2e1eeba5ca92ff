import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Discipline, Scaling } from '@liaison/core'
import {
  bePlanLevels,
  caseKinds,
  caseStates,
  caseStatuses,
  disciplines,
  scalingLevels,
  severities,
} from '@liaison/core'
import type { EdxlCaseFacts } from './EdxlCase.ts'
import { readEdxlCase } from './readEdxlCase.ts'
import { validateEdxlXsd, type EdxlSchemaFiles } from './validateEdxlXsd.ts'
import { writeEdxlCase, type WriteEdxlCase } from './writeEdxlCase.ts'
import { writeEdxlSitrep } from './writeEdxlSitrep.ts'
import { xmlCarried } from '../xml/xmlText.ts'

/** The stored schemas beside this file, as the validator takes them. */
export function edxlSchemaFiles(): EdxlSchemaFiles {
  const dir = fileURLToPath(new URL('./schema/', import.meta.url))
  const files: Record<string, Uint8Array> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.xsd')) files[relative(dir, path)] = readFileSync(path)
    }
  }
  walk(dir)
  return files
}

const schemas = edxlSchemaFiles()

const baseCase: EdxlCaseFacts = {
  id: '0f9a3c1e-7d42-4b8e-9a51-3c2b1d0e4f67',
  kind: 'incident',
  status: 'exercise',
  state: 'monitoring',
  type: 'chemical-spill',
  title: 'Chemical spill on the Albert Canal at Kanne',
  description: 'A barge lost part of its cargo.\r\nDownstream: Maastricht & Eijsden <NL>.',
  severity: 'major',
  disciplines: ['be-d1-rescue', 'nl-fire'],
  scaling: { doctrine: 'BE', level: 'provincial', planLevel: 'alert' },
  openedAt: new Date('2026-12-03T08:10:00Z'),
  startsAt: new Date('2026-12-03T07:55:00Z'),
  endsAt: new Date('2026-12-05T18:00:00Z'),
  location: { lat: 50.8163, lon: 5.6703 },
  area: [
    { lat: 50.82, lon: 5.66 },
    { lat: 50.82, lon: 5.68 },
    { lat: 50.81, lon: 5.68 },
    { lat: 50.82, lon: 5.66 },
  ],
  casualties: {
    at: new Date('2026-12-03T10:00:00Z'),
    counts: { dead: 0, injured: 3, missing: 1, evacuated: 120 },
  },
}

const envelope = (c: EdxlCaseFacts): WriteEdxlCase => ({
  distributionId: '5b8d2f0a-1c3e-4a6b-8d9f-0e1a2b3c4d5e',
  sent: new Date('2026-12-03T11:00:00Z'),
  expires: new Date('2026-12-04T11:00:00Z'),
  sender: {
    id: 'be-ncc@be',
    orgCode: 'be-ncc',
    orgName: 'Centre de crise national / Nationaal Crisiscentrum',
  },
  case: c,
})

function read(xml: string) {
  const result = readEdxlCase(xml)
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}

describe('EDXL-DE 2.0 with EMSI: writing', () => {
  it('writes a case as an envelope valid against the EDXL-DE 2.0 XSD, its EMSI payload against the EMSI XSD', () => {
    const xml = writeEdxlCase(envelope(baseCase))
    expect(validateEdxlXsd(xml, schemas)).toEqual([])
    expect(xml).toContain('<emsi xmlns="http://tacticalsituationobject.org/schemas/EMSI/2_0">')
    expect(xml).toContain('<mode>EXERCS</mode>')
    expect(xml).toContain('<distributionStatus>Exercise</distributionStatus>')
    expect(xml).toContain('<triagered>3</triagered>')
    expect(xml).toContain('&#13;')
  })

  it('the validator does look into the EMSI payload: a wrong EMSI element is named by its path', () => {
    const xml = writeEdxlCase(envelope(baseCase)).replace('<mode>EXERCS</mode>', '<mode>DRILL</mode>')
    const problems = validateEdxlXsd(xml, schemas)
    expect(problems.map((p) => p.path)).toEqual([
      'edxlDistribution.content.contentObject[0].contentXML.embeddedXMLContent.emsi.context.mode',
    ])
    const noSender = writeEdxlCase(envelope(baseCase)).replace(/<senderID>.*<\/senderID>\n/, '')
    expect(validateEdxlXsd(noSender, schemas)[0]?.path).toBe('edxlDistribution.dateTimeSent')
  })

  it('writes a long description whole in a second content object, and EMSI its first 500 characters', () => {
    const description = `${'Ä'.repeat(499)}😀 and more`
    const xml = writeEdxlCase(envelope({ ...baseCase, description }))
    expect(validateEdxlXsd(xml, schemas)).toEqual([])
    expect(xml).toContain('<mimeType>text/plain; charset=utf-8</mimeType>')
    expect(xml).toContain(`<freetext>${'Ä'.repeat(499)}😀</freetext>`)
    expect(read(xml).case.description).toBe(description)
  })

  it('writes a situation report as a JSON content object with its media type, valid against the XSD', () => {
    const report = { messageID: 'r1', reportNumber: 2, report: { situationSummary: 'Calm — «rustig»' } }
    const xml = writeEdxlSitrep({
      ...envelope(baseCase),
      case: { id: baseCase.id, title: baseCase.title, status: 'actual' },
      sitrep: { id: 'a7e1b2c3-0000-4000-8000-000000000001', number: 2 },
      report,
    })
    expect(validateEdxlXsd(xml, schemas)).toEqual([])
    expect(xml).toContain('<mimeType>application/json</mimeType>')
    const data = /<contentData>(.*)<\/contentData>/.exec(xml)?.[1] ?? ''
    expect(JSON.parse(Buffer.from(data, 'base64').toString('utf8'))).toEqual(report)
    const size = /<size>(\d+)<\/size>/.exec(xml)?.[1]
    expect(Number(size)).toBe(Buffer.byteLength(JSON.stringify(report)))
  })
})

const second = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2090, 0, 1) / 1000 })
  .map((s) => new Date(s * 1000))
const coordinate = (limit: number) =>
  fc.double({ min: -limit, max: limit, noNaN: true }).map((v) => (v === 0 ? 0 : v))
const point = fc.record({ lat: coordinate(90), lon: coordinate(180) })
const scaling: fc.Arbitrary<Scaling> = fc.oneof(
  fc.constantFrom(...scalingLevels.NL).map((level) => ({ doctrine: 'NL' as const, level })),
  fc.constantFrom(...scalingLevels.LU).map((level) => ({ doctrine: 'LU' as const, level })),
  fc.constantFrom(...scalingLevels.BE).map((level) => ({ doctrine: 'BE' as const, level })),
  fc
    .tuple(fc.constantFrom(...scalingLevels.BE), fc.constantFrom(...bePlanLevels))
    .map(([level, planLevel]) => ({ doctrine: 'BE' as const, level, planLevel })),
)
const text = fc.string({ unit: 'binary', maxLength: 700 })
const title = fc
  .string({ unit: 'binary', minLength: 3, maxLength: 200 })
  .map((t) => xmlCarried(t).trim())
  .filter((t) => Array.from(t).length >= 3)

const generatedCase: fc.Arbitrary<EdxlCaseFacts> = fc
  .record({
    id: fc.uuid(),
    kind: fc.constantFrom(...caseKinds),
    status: fc.constantFrom(...caseStatuses),
    state: fc.constantFrom(...caseStates),
    type: fc.stringMatching(/^[a-z][a-z0-9-]{1,39}$/),
    title,
    description: text,
    severity: fc.constantFrom(...severities),
    disciplines: fc.subarray([...disciplines] as Discipline[]),
    scaling: fc.option(scaling, { nil: null }),
    openedAt: second,
    startsAt: second,
    lasts: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
    location: fc.option(point, { nil: null }),
    area: fc.option(fc.array(point, { minLength: 3, maxLength: 12 }), { nil: null }),
    casualties: fc.option(
      fc.record({
        at: second,
        counts: fc.record({
          dead: fc.nat(1_000_000),
          injured: fc.nat(1_000_000),
          missing: fc.nat(1_000_000),
          evacuated: fc.nat(1_000_000),
        }),
      }),
      { nil: null },
    ),
  })
  .filter((c) => c.location !== null || c.area === null)
  .map(({ lasts, area, ...c }) => ({
    ...c,
    endsAt: lasts === null ? null : new Date(c.startsAt.getTime() + lasts * 1000),
    area: area === null ? null : [...area, area[0]!],
  }))

describe('EDXL-DE 2.0 with EMSI: the round trip', () => {
  it('reads back the facts it wrote, without a warning', () => {
    const back = read(writeEdxlCase(envelope(baseCase)))
    expect(back.case).toEqual(baseCase)
    expect(back.warnings).toEqual([])
    expect(back.distribution).toMatchObject({ id: envelope(baseCase).distributionId, senderId: 'be-ncc@be' })
    expect(back.emsi).toEqual({
      id: envelope(baseCase).distributionId,
      msgType: 'ALERT',
      originOrgId: 'be-ncc',
      originName: 'Centre de crise national / Nationaal Crisiscentrum',
    })
  })

  it('every generated case: valid against both XSDs, and write → read gives the same facts', () => {
    fc.assert(
      fc.property(generatedCase, (c) => {
        const xml = writeEdxlCase(envelope(c))
        expect(validateEdxlXsd(xml, schemas)).toEqual([])
        const back = read(xml)
        expect(back.warnings).toEqual([])
        expect(back.case).toEqual({ ...c, description: xmlCarried(c.description) })
      }),
      { numRuns: 150 },
    )
  })
})

/** Hub Santé's example EMSI message (../shared/standards/emsi/), as another system would send it in EDXL-DE. */
const sample = readFileSync(new URL('./examples/samu-69-emsi-update.xml', import.meta.url), 'utf8')
/** The same with a second position, outside the world. */
const badPosition = `
              <egeo>
                <type>GEN/ROUTE</type>
                <position><type>POINT</type><coord><lat>95</lat><lon>4.8</lon></coord></position>
              </egeo>`
const foreign = sample.replace('</egeo>', `</egeo>${badPosition}`)

describe('EDXL-DE 2.0 with EMSI: reading what another system sent', () => {
  it('reads a foreign EMSI message, guessing what Liaison keeps apart, tolerant of a bad position', () => {
    // valid against both XSDs but for the latitude of 95 in its second egeo
    expect(validateEdxlXsd(sample, schemas)).toEqual([])
    expect(validateEdxlXsd(foreign, schemas).map((p) => p.message)).toEqual([
      expect.stringMatching(/'95' is greater than the maximum value allowed/),
    ])
    const back = read(foreign)
    expect(back.case).toEqual({
      id: 'fr.health.samu690',
      kind: 'incident',
      status: 'actual',
      state: 'open',
      type: 'trp-col',
      title: 'Incident sur voie cyclable',
      description: 'Gêne de plus en plus importante à la circulation',
      severity: 'major',
      disciplines: [],
      scaling: null,
      openedAt: new Date('2024-01-09T15:01:00Z'),
      startsAt: new Date('2024-01-09T15:00:00Z'),
      endsAt: null,
      location: { lat: 45.760169, lon: 4.830608 },
      area: null,
      casualties: {
        at: new Date('2024-01-09T15:01:00Z'),
        counts: { dead: 0, injured: 2, missing: 0, evacuated: 0 },
      },
    })
    expect(back.emsi.msgType).toBe('UPDATE')
    expect(back.warnings).toEqual([
      {
        path: 'edxlDistribution.content.contentObject[0].contentXML.embeddedXMLContent.emsi.event.egeo[1].position.coord[0].lat',
        message: "'95': not a latitude; the position is left out",
      },
    ])
  })

  it('reads bytes: UTF-8 with a byte-order mark, and ISO-8859-1 as declared', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(foreign, 'utf8')])
    expect(readEdxlCase(bom).ok).toBe(true)
    const latin = Buffer.from(foreign.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1')
    const result = readEdxlCase(latin)
    expect(result.ok && result.value.case.description).toBe(
      'Gêne de plus en plus importante à la circulation',
    )
  })
})

describe('EDXL-DE 2.0 with EMSI: what is refused, by path', () => {
  const refused = (xml: string | Uint8Array, options = {}) => {
    const result = readEdxlCase(xml, options)
    if (result.ok) throw new Error('read')
    return result.error.map((p) => [p.path, p.message])
  }
  const emsiPath = 'edxlDistribution.content.contentObject[0].contentXML.embeddedXMLContent.emsi'

  it.each([
    [
      'a DTD',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${foreign.slice(39)}`,
    ],
    ['an entity declaration', foreign.replace('<content', '<!ENTITY e "x"><content')],
  ])('%s, before parsing', (_, xml) => {
    expect(refused(xml)).toEqual([['edxlDistribution', 'a document type or entity declaration is refused']])
  })

  it('a document over the size limit, before parsing', () => {
    expect(refused(foreign, { maxBytes: 1000 })[0]?.[0]).toBe('edxlDistribution')
    expect(refused(foreign, { maxBytes: 1000 })[0]?.[1]).toMatch(/at most 1000/)
  })

  it.each([
    ['not XML', 'not < xml', 'edxlDistribution', /not well-formed/],
    [
      'EDXL-DE 1.0',
      foreign.replaceAll('EDXL:DE:2.0', 'EDXL:DE:1.0'),
      'edxlDistribution',
      /not an EDXL-DE 2.0/,
    ],
    [
      'no distributionID',
      foreign.replace(/<distributionID>.*<\/distributionID>/, ''),
      'edxlDistribution.distributionID',
      /missing/,
    ],
    [
      'a bad dateTimeSent',
      foreign.replace('2024-01-09T16:05:00+01:00', 'yesterday'),
      'edxlDistribution.dateTimeSent',
      /not a date/,
    ],
    [
      'an unknown distributionStatus',
      foreign.replace('>Actual<', '>Drill<'),
      'edxlDistribution.distributionStatus',
      /not one of/,
    ],
    [
      'no EMSI message',
      foreign.replaceAll('EMSI/2_0', 'EMSI/1_0'),
      'edxlDistribution.content',
      /no EMSI message/,
    ],
    [
      'an exercise in an actual envelope',
      foreign.replace('<mode>ACTUAL</mode>', '<mode>EXERCS</mode>'),
      `${emsiPath}.context.mode`,
      /never mix/,
    ],
    [
      'a CANCEL',
      foreign.replace('<msgType>UPDATE</msgType>', '<msgType>CANCEL</msgType>'),
      `${emsiPath}.context.msgType`,
      /no event/,
    ],
    ['no event id', foreign.replace('<id>fr.health.samu690</id>', ''), `${emsiPath}.event.id`, /missing/],
    ['no event', foreign.replace(/<event>[\s\S]*<\/event>/, ''), `${emsiPath}.event`, /missing/],
  ])('%s', (_, xml, path, message) => {
    const problems = refused(xml)
    expect(problems[0]?.[0]).toBe(path)
    expect(problems[0]?.[1]).toMatch(message)
  })

  it.each([
    ['30 February', '2024-02-30T16:05:00+01:00'],
    ['29 February of a common year', '2023-02-29T16:05:00+01:00'],
    ['a leap second', '2024-01-09T23:59:60+00:00'],
    ['year 0', '0000-01-01T00:00:00+00:00'],
    ['an offset of 24 hours', '2024-01-09T16:05:00+24:00'],
  ])('a sent time on %s', (_, time) => {
    const xml = foreign.replace('2024-01-09T16:05:00+01:00', time)
    expect(refused(xml)[0]).toEqual(['edxlDistribution.dateTimeSent', expect.stringMatching(/not a date/)])
  })

  it('a polygon of more coordinates than a CAP area may have', () => {
    const coords = '<coord><lat>50</lat><lon>5</lon></coord>'.repeat(20_001)
    const xml = foreign.replace(
      '<type>POINT</type><coordsys>EPSG-4326</coordsys>',
      `<type>POLYGON</type>${coords}`,
    )
    expect(refused(xml, { maxBytes: 2_000_000 })[0]?.[0]).toBe(`${emsiPath}.event.egeo[0].position`)
  })
})
