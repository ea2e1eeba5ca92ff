import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseGeometry } from './geometry.ts'

describe('parseGeometry', () => {
  it.each([
    [{ type: 'Point', coordinates: [5.69, 50.74] }],
    [
      {
        type: 'LineString',
        coordinates: [
          [5.6, 50.7],
          [5.7, 50.75],
        ],
      },
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [5.6, 50.7],
            [5.7, 50.7],
            [5.7, 50.8],
            [5.6, 50.7],
          ],
        ],
      },
    ],
  ])('accepts %j', (g) => expect(parseGeometry(g)).toEqual({ geometry: g }))

  it.each([
    [null, 'must be a GeoJSON geometry object'],
    [{ type: 'Circle', coordinates: [0, 0] }, "'Circle' must be Point, LineString or Polygon"],
    [{ type: 'Point', coordinates: [200, 50] }, 'outside longitude'],
    [{ type: 'Point', coordinates: ['5', 50] }, 'a position is [longitude, latitude]'],
    [{ type: 'LineString', coordinates: [[5, 50]] }, 'at least 2 positions'],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 50],
            [6, 50],
            [6, 51],
            [5, 51],
          ],
        ],
      },
      'not closed',
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 50],
            [6, 50],
            [5, 50],
          ],
        ],
      },
      'at least 4 positions',
    ],
  ])('refuses %j: %s', (g, message) => {
    const result = parseGeometry(g)
    expect('problems' in result && result.problems.join(' ')).toContain(message)
  })

  it('never throws on any JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void parseGeometry(v)))
  })
})
