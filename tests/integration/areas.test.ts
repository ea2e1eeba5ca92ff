import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningNode } from '@liaison/server'
import { startNode } from '@liaison/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import { runCliHere } from '../support/runCli.ts'
import { captureLog, cliNodeFlags, testConfig } from '../support/testNode.ts'

const dir = mkdtempSync(join(tmpdir(), 'liaison-areas-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
]
const feature = (properties: Record<string, unknown>, coordinates: unknown, type = 'Polygon') => ({
  type: 'Feature',
  properties,
  geometry: { type, coordinates },
})
function geojson(name: string, features: unknown[], crs?: string): string {
  const path = join(dir, name)
  const crsMember = crs ? { crs: { type: 'name', properties: { name: crs } } } : {}
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', ...crsMember, features }))
  return path
}

/** Two municipalities in RD New (metres, around Utrecht), one crossing itself, one without a code. */
const rdNew = (suffix = '') =>
  geojson(
    `gemeenten${suffix}.json`,
    [
      feature(
        { gemeentecode: 'GM0344', gemeentenaam: `Utrecht${suffix}`, gemeentenaam_nl: 'Utrecht' },
        square(130000, 450000, 6000),
      ),
      feature(
        { gemeentecode: 'GM0307', gemeentenaam: 'Amersfoort' },
        [square(150000, 460000, 5000)],
        'MultiPolygon',
      ),
      feature({ gemeentecode: 'GM0000', gemeentenaam: 'Strik' }, [
        [
          [140000, 450000],
          [146000, 456000],
          [146000, 450000],
          [140000, 456000],
          [140000, 450000],
        ],
      ]),
      feature({ gemeentenaam: 'Zonder code' }, square(160000, 470000, 1000)),
    ],
    'urn:ogc:def:crs:EPSG::28992',
  )
/** Brussels' safety region in WGS 84, no crs member. */
const wgs84 = geojson('zones.json', [
  feature(
    {
      code: 'BRU',
      name: 'Brussel/Bruxelles',
      name_fr: 'Zone de secours Bruxelles',
      name_nl: 'Hulpverleningszone Brussel',
    },
    square(4.25, 50.78, 0.2),
  ),
])

const engines = await testEngines()

describe.each(engines)('areas on $name', (engine) => {
  let db: Awaited<ReturnType<typeof engine.fresh>>
  let flags: string[]
  beforeAll(async () => {
    db = await engine.fresh()
    flags = cliNodeFlags(db.options)
  })
  afterAll(async () => db.dispose())

  async function withNode<T>(body: (node: RunningNode) => Promise<T>): Promise<T> {
    const node = await startNode({ config: testConfig(db.options), log: captureLog().log, listen: false })
    try {
      return await body(node)
    } finally {
      await node.close()
    }
  }
  const areaRows = (node: RunningNode) =>
    node.deps.store.db.selectFrom('areas').selectAll().orderBy('code').execute()

  it('imports RD New municipalities converted to WGS 84, refusing features with their index and reason (exit 1), audited once', async () => {
    const result = await runCliHere([
      'import',
      'areas',
      ...flags,
      rdNew(),
      '--level',
      'municipality',
      '--code-property',
      'gemeentecode',
      '--name-property',
      'gemeentenaam',
    ])
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^imported 2 municipality areas from .*gemeenten\.json \(EPSG:28992\): 2 new, 0 replaced; 2 refused$/,
      ),
      expect.stringMatching(
        /^refused feature 2: polygon_self_intersecting: ring \[0\]\[0\] crosses itself at /,
      ),
      'refused feature 3: no gemeentecode property (see --code-property)',
      '',
    ])
    await withNode(async (node) => {
      const rows = await areaRows(node)
      expect(rows.map((r) => [r.code, r.name, r.level, r.country, r.source_file])).toEqual([
        ['GM0307', 'Amersfoort', 'municipality', 'NL', 'gemeenten.json'],
        ['GM0344', 'Utrecht', 'municipality', 'NL', 'gemeenten.json'],
      ])
      const utrecht = rows[1]!
      expect(utrecht.names).toEqual({ nl: 'Utrecht' })
      // RD New (130000, 450000) is about 5.02° E, 52.04° N
      expect(utrecht.west).toBeCloseTo(5.02, 1)
      expect(utrecht.south).toBeCloseTo(52.04, 1)
      expect(utrecht.geometry.type).toBe('MultiPolygon')
      const [lon, lat] = utrecht.geometry.coordinates[0]![0]![0]!
      expect(lon).toBeCloseTo(5.02, 2)
      expect(lat).toBeCloseTo(52.04, 2)
      const audit = await node.deps.store.db
        .selectFrom('audit')
        .select(['outcome', 'details', 'source'])
        .where('action', '=', 'areas.import')
        .execute()
      expect(audit).toEqual([
        {
          outcome: 'ok',
          source: 'cli',
          details: { file: 'gemeenten.json', added: 2, replaced: 0, refused: 2 },
        },
      ])
    })
  })

  it('a later import of the same level and code replaces the area, keeping its id; WGS 84 without a crs member', async () => {
    const before = await withNode(areaRows)
    const again = await runCliHere([
      'import',
      'areas',
      ...flags,
      rdNew('-2'),
      '--level',
      'municipality',
      '--code-property',
      'gemeentecode',
      '--name-property',
      'gemeentenaam',
    ])
    expect(again.stdout).toMatch(/: 0 new, 2 replaced; 2 refused\n/)
    const zones = await runCliHere(['import', 'areas', ...flags, wgs84, '--level', 'safety-region'])
    expect(zones).toMatchObject({ code: 0 })
    expect(zones.stdout).toMatch(
      /^imported 1 safety-region areas from .*zones\.json \(EPSG:4326\): 1 new, 0 replaced; 0 refused\n$/,
    )
    await withNode(async (node) => {
      const rows = await areaRows(node)
      expect(rows.map((r) => r.code)).toEqual(['BRU', 'GM0307', 'GM0344'])
      expect(rows[2]).toMatchObject({ id: before[1]!.id, name: 'Utrecht-2', source_file: 'gemeenten-2.json' })
      expect(rows[0]).toMatchObject({ country: 'BE', west: 4.25 })
      expect(rows[0]!.north).toBeCloseTo(50.98, 9)
    })
  })

  it('refuses a file in an unknown reference, or one --crs contradicts, storing nothing', async () => {
    const mercator = geojson(
      'mercator.json',
      [feature({ code: 'X', name: 'X' }, square(480000, 6590000, 1000))],
      'EPSG:3857',
    )
    const unknown = await runCliHere(['import', 'areas', ...flags, mercator, '--level', 'custom'])
    expect(unknown.code).toBe(65)
    expect(unknown.stderr).toContain(
      'coordinate reference EPSG:3857 is not one of EPSG:4326, EPSG:31370, EPSG:28992, EPSG:2169',
    )
    const contradicted = await runCliHere([
      'import',
      'areas',
      ...flags,
      rdNew(),
      '--level',
      'custom',
      '--crs',
      'EPSG:31370',
    ])
    expect(contradicted.code).toBe(65)
    expect(contradicted.stderr).toContain('the file says EPSG:28992, --crs says EPSG:31370')
    expect(
      (await runCliHere(['import', 'areas', ...flags, wgs84, '--level', 'custom', '--crs', 'EPSG:3857']))
        .code,
    ).toBe(64)
    expect((await runCliHere(['import', 'areas', ...flags, wgs84, '--level', 'village'])).code).toBe(64)
    await withNode(async (node) => expect((await areaRows(node)).map((r) => r.level)).not.toContain('custom'))
  })

  describe('the areas API', () => {
    let node: RunningNode
    let viewer: TestSession
    beforeAll(async () => {
      node = await startNode({ config: testConfig(db.options), log: captureLog().log, listen: false })
      viewer = await signedInAs(node as never, ['viewer'])
    })
    afterAll(async () => node.close())
    const get = async (url: string) => {
      const response = await node.app.inject({ method: 'GET', url, headers: viewer.headers() })
      return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
    }
    type Item = {
      id: string
      code: string
      level: string
      shipped: boolean
      geometry?: unknown
      name: string
    }

    it('lists shipped and imported areas by code without outlines, by level and q, a page at a time', async () => {
      const municipalities = await get('/api/v1/areas?level=municipality')
      expect(municipalities.status).toBe(200)
      const items = municipalities.body.items as Item[]
      expect(items.map((i) => [i.code, i.shipped])).toEqual([
        ['GM0307', false],
        ['GM0344', false],
      ])
      expect(items[0]).not.toHaveProperty('geometry')
      const provinces = (await get('/api/v1/areas?level=province')).body.items as Item[]
      // 11 Belgian and 12 Dutch provinces, Luxembourg's 3 former districts
      expect(provinces).toHaveLength(26)
      expect(provinces.find((p) => p.code === 'BE-LG')).toMatchObject({
        id: 'BE-LG',
        shipped: true,
        name: 'Liège',
      })
      const found = (await get(`/api/v1/areas?q=${encodeURIComponent('LIEGE')}`)).body.items as Item[]
      expect(found.map((i) => i.code)).toEqual(['BE-LG'])
      const bySecondName = (await get('/api/v1/areas?q=hulpverlening')).body.items as Item[]
      expect(bySecondName.map((i) => i.code)).toEqual(['BRU'])
      const whole = (await get('/api/v1/areas?limit=500')).body.items as Item[]
      expect(whole).toHaveLength(3 + 26 + 3)
      const walked: Item[] = []
      let after: string | null = null
      do {
        const page = await get(`/api/v1/areas?limit=7${after ? `&after=${after}` : ''}`)
        expect(page.status).toBe(200)
        walked.push(...(page.body.items as Item[]))
        after = page.body.next as string | null
      } while (after !== null)
      expect(walked.map((i) => i.id)).toEqual(whole.map((i) => i.id))
      expect((await get('/api/v1/areas?level=village')).status).toBe(400)
      expect((await get('/api/v1/areas?after=bm90YWN1cnNvcg')).status).toBe(400)
    })

    it('gives an area with its outline, shipped or imported; 404 for none, 400 for what is no id', async () => {
      const list = (await get('/api/v1/areas?level=municipality')).body.items as Item[]
      const imported = await get(`/api/v1/areas/${list[1]!.id}`)
      expect(imported.status).toBe(200)
      expect(imported.body).toMatchObject({ code: 'GM0344', geometry: { type: 'MultiPolygon' } })
      const liege = await get('/api/v1/areas/BE-LG')
      expect(liege.status).toBe(200)
      expect((liege.body.geometry as { coordinates: unknown[] }).coordinates.length).toBeGreaterThan(0)
      expect((await get('/api/v1/areas/00000000-0000-7000-8000-000000000000')).status).toBe(404)
      expect((await get('/api/v1/areas/BE-ZZ')).status).toBe(404)
      expect((await get('/api/v1/areas/liege')).status).toBe(400)
    })

    it('checks a drawn area: problems with their path, countries, borders crossed, the nearest border under 5 km', async () => {
      const check = async (body: unknown) => {
        const response = await node.app.inject({
          method: 'POST',
          url: '/api/v1/areas/check',
          headers: viewer.headers(),
          payload: body as object,
        })
        return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
      }
      const brussels = await check({ circles: [{ centre: [4.35, 50.85], radiusKm: 1 }] })
      expect(brussels).toMatchObject({
        status: 200,
        body: { problems: [], countries: ['BE'], crosses: [], outsideBenelux: false, nearest: null },
      })
      const maastricht = await check({ circles: [{ centre: [5.69, 50.85], radiusKm: 0.5 }] })
      const nearest = maastricht.body.nearest as { border: string; km: number }
      expect(nearest.border).toBe('BE–NL')
      expect(nearest.km).toBeLessThan(5)
      const across = await check({ polygons: square(5.6, 50.8, 0.15) })
      expect(across.body).toMatchObject({ crosses: ['BE–NL'], countries: ['BE', 'NL'] })
      const bowtie = await check({
        polygons: [
          [
            [4.3, 50.8],
            [4.4, 50.9],
            [4.4, 50.8],
            [4.3, 50.9],
            [4.3, 50.8],
          ],
        ],
        codes: ['BE-LG', 'BE-ZZ'],
      })
      expect(bowtie.status).toBe(200)
      expect(
        (bowtie.body.problems as { path: string; reason: string }[]).map((p) => [p.path, p.reason]),
      ).toEqual([
        ['polygons[0]', 'polygon_self_intersecting'],
        ['codes[1]', 'not_found'],
      ])
      // an imported area is resolved by its code as a shipped one is
      const utrecht = await check({ codes: ['GM0344'] })
      expect(utrecht).toMatchObject({ status: 200, body: { problems: [], countries: ['NL'] } })
      expect((await check({ codes: ['GM9999'] })).body.problems).toEqual([
        { reason: 'not_found', path: 'codes[0]' },
      ])
      expect((await check({ circles: [{ centre: [4.35, 95], radiusKm: 1 }] })).status).toBe(400)
      expect((await check({ polygons: 'square' })).status).toBe(400)
      expect((await check({ colour: 'red' })).status).toBe(400)
    })
  })

  it('imports 450 areas in one transaction over three chunks, all of them', async () => {
    const many = geojson(
      'many.json',
      Array.from({ length: 450 }, (_, i) =>
        feature(
          { code: `C${String(i).padStart(3, '0')}`, name: `Carré ${i}` },
          square(4 + (i % 30) * 0.02, 50.5 + Math.floor(i / 30) * 0.02, 0.01),
        ),
      ),
    )
    const result = await runCliHere(['import', 'areas', ...flags, many, '--level', 'custom'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/: 450 new, 0 replaced; 0 refused\n$/)
    await withNode(async (node) => {
      const rows = (await areaRows(node)).filter((r) => r.level === 'custom')
      expect(rows).toHaveLength(450)
      expect(new Set(rows.map((r) => r.imported_at.getTime())).size).toBe(1)
    })
  })
})
