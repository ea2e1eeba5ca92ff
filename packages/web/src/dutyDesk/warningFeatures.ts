import { beneluxCountries } from '@liaison/core'
import type { FeatureCollection } from '../api/dutyApi.ts'
import type { WarningRecord } from '../api/warningsApi.ts'
import { circleRing } from '../alerts/areaFeatures.ts'

const noCase = '00000000-0000-0000-0000-000000000000'
type Bbox = readonly [west: number, south: number, east: number, north: number]

/** How far around the centre's country a warning still counts as "around" it. */
export const aroundKm = 50

/** The areas of the warnings in force as features for the duty desk's map (circles as rings). */
export function warningFeatures(warnings: readonly WarningRecord[]): FeatureCollection {
  const features: FeatureCollection['features'] = []
  for (const w of warnings) {
    const areas = w.info[0]?.areas ?? []
    const label = w.info[0]?.headline ?? w.info[0]?.event ?? w.identifier
    const properties = { caseId: noCase, kind: 'perimeter' as const, label }
    areas.forEach((a, i) => {
      for (const [j, polygon] of (a.polygons?.coordinates ?? []).entries())
        features.push({
          type: 'Feature',
          id: `${w.id}-${i}-p${j}`,
          geometry: { type: 'Polygon', coordinates: polygon.map((ring) => ring.map((p) => [...p])) },
          properties,
        })
      for (const [j, c] of a.circles.entries())
        features.push({
          type: 'Feature',
          id: `${w.id}-${i}-c${j}`,
          geometry: { type: 'Polygon', coordinates: [circleRing(c.centre, c.radiusKm)] },
          properties,
        })
    })
  }
  return { type: 'FeatureCollection', features }
}

/** The box around a warning's areas, or null when it has no geometry (an area by name only). */
export function warningBbox(warning: WarningRecord): Bbox | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  const add = (lon: number, lat: number) => {
    w = Math.min(w, lon)
    e = Math.max(e, lon)
    s = Math.min(s, lat)
    n = Math.max(n, lat)
  }
  for (const info of warning.info)
    for (const a of info.areas) {
      for (const polygon of a.polygons?.coordinates ?? [])
        for (const ring of polygon) for (const [lon, lat] of ring) add(lon, lat)
      for (const c of a.circles) {
        const dLat = c.radiusKm / 111.32
        const dLon = c.radiusKm / (111.32 * Math.cos((c.centre[1] * Math.PI) / 180))
        add(c.centre[0] - dLon, c.centre[1] - dLat)
        add(c.centre[0] + dLon, c.centre[1] + dLat)
      }
    }
  return w === Infinity ? null : [w, s, e, n]
}

/**
 * Is the warning in or around the country (its box within `aroundKm` of the country's box)? A
 * warning without geometry is kept: nothing says it is elsewhere.
 */
export function inOrAround(warning: WarningRecord, country: string, km = aroundKm): boolean {
  const box = warningBbox(warning)
  const territory = beneluxCountries().find((c) => c.code === country)?.bbox
  if (box === null || territory === undefined) return true
  const [tw, ts, te, tn] = territory
  const dLat = km / 111.32
  const dLon = km / (111.32 * Math.cos((((ts + tn) / 2) * Math.PI) / 180))
  const [w, s, e, n] = box
  return w <= te + dLon && e >= tw - dLon && s <= tn + dLat && n >= ts - dLat
}
