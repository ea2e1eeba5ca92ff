import { describe, expect, it } from 'vitest'
import type { CapAlert, CapInfo } from './CapAlert.ts'
import { capAreasGeoJson, parseCapCircle } from './capAreasGeoJson.ts'

const info = (language: string, areaDesc: string): CapInfo => ({
  language,
  category: ['Fire'],
  event: 'Fire',
  responseType: [],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  parameter: [],
  resource: [],
  area: [
    {
      areaDesc,
      polygon: ['51.10,4.20 51.10,4.60 51.35,4.60 51.10,4.20'],
      circle: ['51.30,4.30 3'],
      geocode: [],
    },
  ],
})
const cap = (infos: CapInfo[]): CapAlert => ({
  identifier: 'x',
  sender: 's',
  sent: '2026-12-03T10:00:00+00:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: infos,
})

describe('capAreasGeoJson', () => {
  it('turns polygons (lat,lon) into [lon, lat] rings and circles into closed rings, one feature per area', () => {
    const collection = capAreasGeoJson(cap([info('nl-BE', 'Antwerpen'), info('fr-BE', 'Anvers')]))
    expect(collection.features).toHaveLength(1)
    const [feature] = collection.features
    expect(feature?.properties.areaDesc).toBe('Antwerpen')
    const [polygon, circle] = feature?.geometry?.coordinates ?? []
    expect(polygon?.[0]?.[0]).toEqual([4.2, 51.1])
    expect(circle?.[0]).toHaveLength(33)
    expect(circle?.[0]?.[0]).toEqual(circle?.[0]?.[32])
  })

  it('gives an area with no usable geometry a null geometry', () => {
    const base = info('en', 'Nowhere')
    const area = { areaDesc: 'Nowhere', polygon: ['nonsense'], circle: ['1,2'], geocode: [] }
    expect(capAreasGeoJson(cap([{ ...base, area: [area] }])).features[0]?.geometry).toBeNull()
  })

  it.each([
    ['51.3,4.3 3', { lat: 51.3, lon: 4.3, radiusKm: 3 }],
    ['51.3,4.3 0', { lat: 51.3, lon: 4.3, radiusKm: 0 }],
    ['51.3,4.3', undefined],
    ['51.3,4.3 -1', undefined],
    ['91,4.3 1', undefined],
    ['51.3,4.3 1 2', undefined],
  ])('reads the circle %j', (text, expected) => {
    expect(parseCapCircle(text)).toEqual(expected)
  })
})
