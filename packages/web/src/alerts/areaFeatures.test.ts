import { describe, expect, it } from 'vitest'
import { emptyArea } from './alertForm.ts'
import { areaFeatures, circleRing } from './areaFeatures.ts'

describe('the drawn area on the map', () => {
  it('shows the vertices as points until there are three, then the closed polygon', () => {
    expect(areaFeatures({ ...emptyArea, vertices: '50.7, 5.6' }, 'x').features).toHaveLength(1)
    const two = areaFeatures({ ...emptyArea, vertices: '50.7, 5.6\n50.8, 5.7' }, 'x')
    expect(two.features.map((f) => f.geometry.type)).toEqual(['Point', 'Point'])
    const three = areaFeatures({ ...emptyArea, vertices: '50.7, 5.6\n50.8, 5.7\n50.7, 5.8' }, 'x')
    expect(three.features.map((f) => f.geometry.type)).toEqual(['Polygon'])
  })

  it('draws a circle as a closed ring at its radius', () => {
    const ring = circleRing([5.57, 50.63], 10)
    expect(ring).toHaveLength(49)
    expect(ring[0]).toEqual(ring[48])
    // 10 km north of the centre is about 0.09° of latitude
    expect(ring[12]![1] - 50.63).toBeCloseTo(10 / 111.32, 5)
    const circle = areaFeatures({ ...emptyArea, circleLat: '50.63', circleLon: '5.57', circleKm: '10' }, 'x')
    expect(circle.features).toHaveLength(1)
  })
})
