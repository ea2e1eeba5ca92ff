import { describe, expect, it } from 'vitest'
import { normaliseCrs, readAreaFeatures } from './readAreaFeatures.ts'

const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
]
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
})
const collection = (features: unknown[], crs?: string) => ({
  type: 'FeatureCollection',
  ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
  features,
})

describe('readAreaFeatures', () => {
  it('converts RD New to WGS 84 from the file crs member, with the names by language and the country', () => {
    const read = readAreaFeatures(
      collection(
        [
          feature(
            { code: 'GM0344', name: 'Utrecht', name_nl: 'Utrecht', name_fr: 'Utrecht (ville)' },
            { type: 'Polygon', coordinates: square(134000, 454000, 5000) },
          ),
        ],
        'urn:ogc:def:crs:EPSG::28992',
      ),
    )
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.value.crs).toBe('EPSG:28992')
    const [area] = read.value.areas
    expect(area).toMatchObject({
      code: 'GM0344',
      name: 'Utrecht',
      names: { nl: 'Utrecht', fr: 'Utrecht (ville)' },
      country: 'NL',
      vertices: 5,
    })
    const [w, s, e, n] = area!.bbox
    expect(w).toBeCloseTo(5.08, 1)
    expect(s).toBeCloseTo(52.08, 1)
    expect(e - w).toBeGreaterThan(0.06)
    expect(n - s).toBeGreaterThan(0.04)
    expect(area!.geometry.type).toBe('MultiPolygon')
  })

  it('refuses features one by one with their index and reason, keeping the others', () => {
    const bowtie = [
      [
        [4.3, 50.8],
        [4.4, 50.9],
        [4.4, 50.8],
        [4.3, 50.9],
        [4.3, 50.8],
      ],
    ]
    const read = readAreaFeatures(
      collection([
        feature({ code: 'A', name: 'Good' }, { type: 'Polygon', coordinates: square(4.3, 50.8, 0.1) }),
        feature({ code: 'B', name: 'Bow tie' }, { type: 'Polygon', coordinates: bowtie }),
        feature({ name: 'No code' }, { type: 'Polygon', coordinates: square(4.3, 50.8, 0.1) }),
        feature({ code: 'C', name: 'Point' }, { type: 'Point', coordinates: [4.3, 50.8] }),
        feature(
          { code: 'A', name: 'Again' },
          { type: 'MultiPolygon', coordinates: [square(4.5, 50.8, 0.1)] },
        ),
        feature({ code: 'D', name: 'Strings' }, { type: 'Polygon', coordinates: [[['4', '50']]] }),
        'not a feature',
        feature(
          { code: 'E', name: 'Open' },
          { type: 'Polygon', coordinates: [square(4.3, 50.8, 0.1)[0]!.slice(0, 4)] },
        ),
      ]),
      { crs: 'EPSG:4326' },
    )
    if (!read.ok) throw new Error('refused')
    expect(read.value.areas.map((a) => a.code)).toEqual(['A'])
    expect(read.value.refused.map((r) => [r.index, r.reason])).toEqual([
      [1, 'ring'],
      [2, 'no_code'],
      [3, 'not_polygonal'],
      [4, 'duplicate_code'],
      [5, 'bad_coordinates'],
      [6, 'not_a_feature'],
      [7, 'ring'],
    ])
    expect(read.value.refused[0]).toMatchObject({ problem: { reason: 'polygon_self_intersecting' } })
    expect(read.value.refused[6]).toMatchObject({ problem: { reason: 'polygon_not_closed' } })
  })

  it('refuses a file that is not a FeatureCollection, an unknown reference or one that contradicts --crs', () => {
    expect(readAreaFeatures([])).toEqual({ ok: false, error: { reason: 'not_a_feature_collection' } })
    expect(readAreaFeatures(collection([], 'EPSG:3857'))).toEqual({
      ok: false,
      error: { reason: 'crs_unknown', crs: 'EPSG:3857' },
    })
    expect(readAreaFeatures(collection([]), { crs: 'EPSG:900913' })).toMatchObject({
      ok: false,
      error: { reason: 'crs_unknown' },
    })
    expect(readAreaFeatures(collection([], 'EPSG:31370'), { crs: 'EPSG:28992' })).toEqual({
      ok: false,
      error: { reason: 'crs_mismatch', file: 'EPSG:31370', given: 'EPSG:28992' },
    })
    expect(readAreaFeatures(collection([1, 2, 3]), { maxFeatures: 2 })).toMatchObject({
      ok: false,
      error: { reason: 'too_many_features' },
    })
  })

  it('names references as EPSG codes', () => {
    expect(normaliseCrs('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('EPSG:4326')
    expect(normaliseCrs('urn:ogc:def:crs:EPSG::31370')).toBe('EPSG:31370')
    expect(normaliseCrs('EPSG:2169')).toBe('EPSG:2169')
  })
})
