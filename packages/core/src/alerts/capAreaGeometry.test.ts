import { describe, expect, it } from 'vitest'
import { capAreaGeometry } from './capAreaGeometry.ts'

const area = { areaDesc: 'Liège', geocode: [] }

describe('capAreaGeometry', () => {
  it('turns a CAP polygon (latitude first) into a GeoJSON ring (longitude first)', () => {
    const g = capAreaGeometry({ ...area, polygon: ['50.1,5.1 50.2,5.1 50.2,5.3 50.1,5.1'], circle: [] })
    expect(g.polygons).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [5.1, 50.1],
            [5.1, 50.2],
            [5.3, 50.2],
            [5.1, 50.1],
          ],
        ],
      ],
    })
    expect(g.circles).toEqual([])
  })
  it('reads circles and leaves out what cannot be read', () => {
    const g = capAreaGeometry({ ...area, polygon: ['not a polygon'], circle: ['50.85,4.35 2.5', '95,4 1'] })
    expect(g.polygons).toBeNull()
    expect(g.circles).toEqual([{ centre: [4.35, 50.85], radiusKm: 2.5 }])
  })
})
