import { describe, expect, it } from 'vitest'
import { beneluxBox, cellGrid, distanceKm, polygonHolds } from './cellGrid.ts'

describe('cellGrid', () => {
  it('gives the same cells for the same seed, others for another, all inside the Benelux box', () => {
    const one = cellGrid(7, 'op')
    expect(cellGrid(7, 'op')).toEqual(one)
    expect(cellGrid(8, 'op')).not.toEqual(one)
    expect(one.length).toBe(82 * 95)
    expect(new Set(one.map((c) => c.id)).size).toBe(one.length)
    const inside = (c: { lat: number; lon: number }) =>
      c.lat >= beneluxBox.south &&
      c.lat <= beneluxBox.north &&
      c.lon >= beneluxBox.west &&
      c.lon <= beneluxBox.east
    expect(one.filter((c) => !inside(c))).toEqual([])
  })

  it('tells a point inside a polygon from one outside, and measures distances', () => {
    const square = [
      { lat: 50, lon: 4 },
      { lat: 51, lon: 4 },
      { lat: 51, lon: 5 },
      { lat: 50, lon: 5 },
      { lat: 50, lon: 4 },
    ]
    expect(polygonHolds(square, 50.5, 4.5)).toBe(true)
    expect(polygonHolds(square, 51.5, 4.5)).toBe(false)
    expect(polygonHolds(square, 50.5, 5.1)).toBe(false)
    // Brussels to Amsterdam, about 173 km
    expect(distanceKm(50.85, 4.35, 52.37, 4.9)).toBeCloseTo(173, -1)
  })
})
