import { describe, expect, it } from 'vitest'
import { isKnownCrs, toWgs84 } from './toWgs84.ts'

describe('toWgs84', () => {
  it('converts RD New, LUREF and Lambert 72 with the shipped definitions', () => {
    // the RD base point, Amersfoort (Onze Lieve Vrouwetoren)
    const [lon, lat] = toWgs84('EPSG:28992')([155000, 463000])
    expect(lon).toBeCloseTo(5.3872, 3)
    expect(lat).toBeCloseTo(52.1552, 3)
    // LUREF's origin lies at 6°10' E, 49°50' N (to within the datum shift)
    const [llon, llat] = toWgs84('EPSG:2169')([80000, 100000])
    expect(llon).toBeCloseTo(6.1667, 2)
    expect(llat).toBeCloseTo(49.8333, 2)
    // Lambert 72 near Brussels
    const [blon, blat] = toWgs84('EPSG:31370')([149000, 170000])
    expect(blon).toBeGreaterThan(4.3)
    expect(blon).toBeLessThan(4.4)
    expect(blat).toBeGreaterThan(50.8)
    expect(blat).toBeLessThan(50.9)
  })

  it('knows only the four references', () => {
    expect(isKnownCrs('EPSG:3857')).toBe(false)
    expect(isKnownCrs('EPSG:31370')).toBe(true)
  })
})
