import { describe, expect, it } from 'vitest'
import { finishShape, parseVertices, readPoint } from './drawGeometry.ts'

describe('drawing geometry', () => {
  it('reads "lat, lon" lines and closes a perimeter ring', () => {
    const parsed = parseVertices('50.85, 4.35\n\n50.86; 4.36\n50,87 4,35\n50.85, 4.35')
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(finishShape('perimeter', parsed.positions)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [4.35, 50.85],
          [4.36, 50.86],
          [4.35, 50.87],
          [4.35, 50.85],
        ],
      ],
    })
  })

  it('refuses bad lines and too few vertices', () => {
    expect(parseVertices('50.85, 4.35\nnorth')).toEqual({ ok: false, line: 2 })
    expect(parseVertices('95, 4')).toEqual({ ok: false, line: 1 })
    expect(
      finishShape('perimeter', [
        [4, 50],
        [4.1, 50],
        [4, 50],
      ]),
    ).toBeNull()
    expect(finishShape('route', [[4, 50]])).toBeNull()
    expect(
      finishShape('route', [
        [4, 50],
        [4.1, 50.1],
      ]),
    ).toEqual({
      type: 'LineString',
      coordinates: [
        [4, 50],
        [4.1, 50.1],
      ],
    })
  })
})

describe('a point typed in the map forms', () => {
  it.each([
    ['50.8467', '4.3525', [4.3525, 50.8467]],
    [' 50,8467 ', '4,3525', [4.3525, 50.8467]],
    ['-90', '180', [180, -90]],
  ])('reads latitude %s and longitude %s as [lon, lat]', (lat, lon, coordinates) => {
    expect(readPoint(lat, lon)).toEqual({ ok: true, geometry: { type: 'Point', coordinates } })
  })

  it.each([
    ['', '4.35', { lat: true, lon: false }],
    ['50.85', ' ', { lat: false, lon: true }],
    ['91', '181', { lat: true, lon: true }],
    ['north', '4.35', { lat: true, lon: false }],
  ])('names what is wrong in latitude %j and longitude %j', (lat, lon, wrong) => {
    expect(readPoint(lat, lon)).toEqual({ ok: false, ...wrong })
  })
})
