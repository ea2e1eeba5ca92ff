import { describe, expect, it } from 'vitest'
import { beneluxBorders, beneluxCountries, beneluxProvinces } from '../areas/beneluxAreas.ts'
import { checkAgainstBorders, countriesAtPoint, nearestBorderToPoint, pointInPolygons } from './borders.ts'

const pointInPolygonsTest = (p: [number, number], rings: [number, number][][]) => pointInPolygons(p, [rings])
import { circleToRing, clipToCountry, combineAreas } from './combineAreas.ts'
import { ringProblems } from './ringProblems.ts'

const square = (lon: number, lat: number, d: number): [number, number][] => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
]

describe('the shipped Benelux areas', () => {
  it('decodes three countries without the Caribbean, 26 provinces and seven land borders', () => {
    expect(
      beneluxCountries()
        .map((c) => c.code)
        .sort(),
    ).toEqual(['BE', 'LU', 'NL'])
    expect(beneluxCountries().every((c) => c.bbox[0] > 2 && c.bbox[2] < 7.3)).toBe(true)
    expect(beneluxProvinces()).toHaveLength(26)
    expect(beneluxBorders().map((b) => b.name)).toEqual([
      'BE–NL',
      'BE–LU',
      'BE–DE',
      'BE–FR',
      'NL–DE',
      'LU–DE',
      'LU–FR',
    ])
    expect(beneluxCountries()[0]!.polygons[0]![0]).toBeInstanceOf(Float64Array)
  })

  it('places towns on border rivers in their country, and Baarle-Hertog in both', () => {
    expect(countriesAtPoint([6.42, 49.812])).toEqual(['LU']) // Echternach
    expect(countriesAtPoint([6.367, 49.545])).toEqual(['LU']) // Remich
    expect(countriesAtPoint([5.717, 50.75])).toEqual(['BE']) // Voeren
    expect(countriesAtPoint([4.3517, 50.8503])).toEqual(['BE']) // Brussels
    expect(countriesAtPoint([4.9294, 51.4394]).sort()).toEqual(['BE', 'NL'])
    expect(countriesAtPoint([2.0, 51.5])).toEqual([]) // North Sea
  })
})

describe('the nearest land border', () => {
  it('names the border and its distance', () => {
    // Maastricht, about 3 km from Belgium
    const m = nearestBorderToPoint([5.6909, 50.8514])!
    expect(m.border).toBe('BE–NL')
    expect(m.km).toBeGreaterThan(1)
    expect(m.km).toBeLessThan(5)
    // Brussels is far from any land border
    expect(nearestBorderToPoint([4.3517, 50.8503], 5)).toBeNull()
    expect(nearestBorderToPoint([4.3517, 50.8503])!.km).toBeGreaterThan(40)
  })

  it('is fast enough to run on every drag', () => {
    nearestBorderToPoint([5, 51])
    const start = performance.now()
    for (let i = 0; i < 1000; i++) nearestBorderToPoint([3 + (i % 40) / 10, 49.5 + (i % 37) / 10])
    expect(performance.now() - start).toBeLessThan(1000)
  })
})

describe('an area against the borders', () => {
  it('says which countries and borders an area crosses', () => {
    const across = checkAgainstBorders([[square(5.72, 50.8, 0.05)]]) // around Maastricht and Lanaken
    expect(across.countries).toEqual(['BE', 'NL'])
    expect(across.crosses).toEqual(['BE–NL'])
    expect(across.outsideBenelux).toBe(false)
    expect(across.nearest).toBeNull()
  })

  it('gives the distance to the nearest border under 5 km, and nothing further away', () => {
    const near = checkAgainstBorders([[square(5.6909, 50.8514, 0.002)]])
    expect(near.countries).toEqual(['NL'])
    expect(near.crosses).toEqual([])
    expect(near.nearest?.border).toBe('BE–NL')
    expect(near.nearest!.km).toBeLessThan(5)
    const far = checkAgainstBorders([[square(4.3517, 50.8503, 0.01)]])
    expect(far).toEqual({ countries: ['BE'], outsideBenelux: false, crosses: [], nearest: null })
  })

  it('marks an area reaching into France or the sea as outside the Benelux', () => {
    const lille = checkAgainstBorders([[square(3.1, 50.7, 0.1)]])
    expect(lille.countries).toContain('FR')
    expect(lille.outsideBenelux).toBe(true)
    const sea = checkAgainstBorders([[square(2.9, 51.25, 0.1)]])
    expect(sea.outsideBenelux).toBe(true)
  })
})

describe('drawn rings', () => {
  it('refuses open, short and self-intersecting rings, accepts a square', () => {
    expect(ringProblems(square(5, 51, 0.1))).toEqual([])
    expect(ringProblems(square(5, 51, 0.1).slice(0, 4)).map((p) => p.reason)).toEqual(['polygon_not_closed'])
    expect(
      ringProblems([
        [5, 51],
        [5.1, 51],
        [5, 51],
      ]).map((p) => p.reason),
    ).toEqual(['polygon_too_few_points'])
    const bowtie: [number, number][] = [
      [5, 51],
      [5.1, 51.1],
      [5.1, 51],
      [5, 51.1],
      [5, 51],
    ]
    expect(ringProblems(bowtie).map((p) => p.reason)).toEqual(['polygon_self_intersecting'])
  })
})

describe('combining and clipping', () => {
  it('unites a polygon, a circle and a province, and clips at a border', () => {
    const ring = circleToRing({ centre: [5.72, 50.8], radiusKm: 5 })
    expect(ring).toHaveLength(65)
    expect(ringProblems(ring)).toEqual([])
    const two = combineAreas({
      polygons: [[square(5, 51, 0.1)]],
      circles: [{ centre: [6, 50], radiusKm: 2 }],
    })
    expect(two).toHaveLength(2)
    const one = combineAreas({ polygons: [[square(5, 51, 0.1)], [square(5.1, 51, 0.1)]] })
    expect(one).toHaveLength(1)
    const clipped = clipToCountry([[ring]], 'NL')
    expect(clipped.length).toBeGreaterThan(0)
    // what is left lies in the Netherlands, up to the border it now follows
    expect(countriesAtPoint([5.7, 50.83])).toEqual(['NL'])
    expect(clipped.some((rings) => pointInPolygonsTest([5.7, 50.83], rings))).toBe(true)
    expect(clipped.some((rings) => pointInPolygonsTest([5.68, 50.8], rings))).toBe(false) // Kanne, BE
  })
})
