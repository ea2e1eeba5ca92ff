import { circleToRing } from '../geometry/combineAreas.ts'
import type { CapAlert, CapArea } from './CapAlert.ts'
import { parseCapPoint, parseCapPolygon } from './capPolygon.ts'

/** A CAP area as a GeoJSON Feature: its polygons and circles (as 32-sided rings) in one MultiPolygon. */
export interface CapAreaFeature {
  readonly type: 'Feature'
  readonly properties: { readonly areaDesc: string; readonly geocode: CapArea['geocode'] }
  readonly geometry: { readonly type: 'MultiPolygon'; readonly coordinates: [number, number][][][] } | null
}

export interface CapAreaFeatureCollection {
  readonly type: 'FeatureCollection'
  readonly features: readonly CapAreaFeature[]
}

/** A CAP circle (`lat,lon radius-km`), or undefined when it is not one. */
export function parseCapCircle(text: string): { lat: number; lon: number; radiusKm: number } | undefined {
  const [centre = '', radius = '', ...rest] = text.trim().split(/\s+/)
  const point = parseCapPoint(centre)
  const radiusKm = Number(radius)
  if (point === undefined || rest.length > 0 || radius === '' || !Number.isFinite(radiusKm) || radiusKm < 0)
    return undefined
  return { ...point, radiusKm }
}

function featureOf(area: CapArea): CapAreaFeature {
  const polygons: [number, number][][][] = []
  for (const text of area.polygon) {
    const parsed = parseCapPolygon(text)
    if ('points' in parsed && parsed.points.length >= 4)
      polygons.push([parsed.points.map((p): [number, number] => [p.lon, p.lat])])
  }
  for (const text of area.circle) {
    const circle = parseCapCircle(text)
    if (circle && circle.radiusKm > 0)
      polygons.push([circleToRing({ centre: [circle.lon, circle.lat], radiusKm: circle.radiusKm }, 32)])
  }
  return {
    type: 'Feature',
    properties: { areaDesc: area.areaDesc, geocode: area.geocode },
    geometry: polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null,
  }
}

/**
 * The areas of a CAP message as a GeoJSON FeatureCollection (WGS 84, [lon, lat]), one feature
 * per distinct area across its info blocks (the same area in two languages counts once).
 */
export function capAreasGeoJson(cap: CapAlert): CapAreaFeatureCollection {
  const seen = new Set<string>()
  const features: CapAreaFeature[] = []
  for (const info of cap.info)
    for (const area of info.area) {
      const key = JSON.stringify([area.polygon, area.circle, area.geocode])
      if (seen.has(key)) continue
      seen.add(key)
      features.push(featureOf(area))
    }
  return { type: 'FeatureCollection', features }
}
