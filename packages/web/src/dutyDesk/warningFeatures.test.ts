import { describe, expect, it } from 'vitest'
import type { WarningRecord } from '../api/warningsApi.ts'
import { inOrAround, warningBbox, warningFeatures } from './warningFeatures.ts'

const warning = (id: string, areas: WarningRecord['info'][number]['areas']): WarningRecord =>
  ({
    id,
    identifier: id,
    info: [{ language: 'de-DE', event: 'Unwetter', headline: `Warnung ${id}`, areas }],
  }) as unknown as WarningRecord
const square = (lon: number, lat: number, d = 0.1): [number, number][][][] => [
  [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
]
const polygonArea = (lon: number, lat: number) => ({
  areaDesc: 'x',
  polygons: { type: 'MultiPolygon' as const, coordinates: square(lon, lat) },
  circles: [],
})

describe('the warnings in force on the duty desk map', () => {
  it('draws each polygon and each circle (as a ring) of every warning', () => {
    const fc = warningFeatures([
      warning('a', [polygonArea(6.0, 50.7)]),
      warning('b', [{ areaDesc: 'y', polygons: null, circles: [{ centre: [5.7, 50.85], radiusKm: 3 }] }]),
      warning('c', [{ areaDesc: 'by name only', polygons: null, circles: [] }]),
    ])
    expect(fc.features.map((f) => [f.id, f.geometry.type, f.properties.label])).toEqual([
      ['a-0-p0', 'Polygon', 'Warnung a'],
      ['b-0-c0', 'Polygon', 'Warnung b'],
    ])
  })

  it('keeps the warnings in and around the country: Aachen for Belgium, not Hamburg nor Paris', () => {
    const aachen = warning('aachen', [polygonArea(6.05, 50.75)])
    const hamburg = warning('hamburg', [polygonArea(9.99, 53.55)])
    const paris = warning('paris', [polygonArea(2.35, 48.85)])
    const lille = warning('lille', [
      { areaDesc: 'Lille', polygons: null, circles: [{ centre: [3.06, 50.63], radiusKm: 5 }] },
    ])
    const unknown = warning('unknown', [{ areaDesc: 'somewhere', polygons: null, circles: [] }])
    expect(
      [aachen, hamburg, paris, lille, unknown].filter((w) => inOrAround(w, 'BE')).map((w) => w.id),
    ).toEqual(['aachen', 'lille', 'unknown'])
    // Aachen is around Luxembourg's box only with a wider margin
    expect(inOrAround(aachen, 'LU')).toBe(false)
    expect(inOrAround(aachen, 'LU', 150)).toBe(true)
    expect(warningBbox(unknown)).toBeNull()
  })
})
