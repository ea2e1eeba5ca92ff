import { describe, expect, it } from 'vitest'
import { checkArea } from './checkArea.ts'

describe('checkArea', () => {
  it('gives each problem the path of its polygon and checks the rest against the borders', () => {
    const bowtie: [number, number][] = [
      [5, 51],
      [5.1, 51.1],
      [5.1, 51],
      [5, 51.1],
      [5, 51],
    ]
    const check = checkArea({ polygons: [bowtie], circles: [{ centre: [5.72, 50.8], radiusKm: 3 }] })
    expect(check.problems).toEqual([
      { reason: 'polygon_self_intersecting', at: [5.1, 51], path: 'polygons[0]' },
    ])
    expect(check.vertices).toBe(5)
    expect(check.crosses).toEqual(['BE–NL'])
    expect(check.countries).toEqual(['BE', 'NL'])
  })

  it('resolves shipped codes and refuses unknown ones and an empty area', () => {
    const lux = checkArea({ codes: ['LU', 'XX'] })
    expect(lux.problems).toEqual([{ reason: 'not_found', path: 'codes[1]' }])
    expect(lux.countries).toEqual(expect.arrayContaining(['BE', 'DE', 'FR', 'LU']))
    expect(checkArea({}).problems).toEqual([{ reason: 'empty', path: '' }])
  })
})
