import type { FeatureCollection } from '../api/dutyApi.ts'
import type { AreaDraft } from './alertForm.ts'
import { circleOf, ringOf } from './alertForm.ts'

const noCase = '00000000-0000-0000-0000-000000000000'

/** A circle as a ring of 48 points (for the map only; the alert keeps the circle itself). */
export function circleRing(centre: readonly [number, number], radiusKm: number): [number, number][] {
  const [lon, lat] = centre
  const dLat = radiusKm / 111.32
  const dLon = radiusKm / (111.32 * Math.cos((lat * Math.PI) / 180))
  const ring: [number, number][] = []
  for (let i = 0; i <= 48; i++) {
    const a = (i / 48) * 2 * Math.PI
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)])
  }
  return ring
}

/** The drawn polygon (or its vertices so far) and circle as features for the Benelux map. */
export function areaFeatures(area: AreaDraft, label: string): FeatureCollection {
  const features: FeatureCollection['features'] = []
  const ring = ringOf(area)
  const properties = { caseId: noCase, kind: 'perimeter' as const, label }
  if (ring && ring.length >= 4)
    features.push({
      type: 'Feature',
      id: 'polygon',
      geometry: { type: 'Polygon', coordinates: [ring.map((p) => [...p])] },
      properties,
    })
  else if (ring)
    // the vertices so far, without the closing repeat of the first
    for (const [i, p] of (ring.length > 1 ? ring.slice(0, -1) : ring).entries())
      features.push({
        type: 'Feature',
        id: `vertex-${i}`,
        geometry: { type: 'Point', coordinates: [...p] },
        properties,
      })
  const circle = circleOf(area)
  if (circle && circle.radiusKm > 0)
    features.push({
      type: 'Feature',
      id: 'circle',
      geometry: { type: 'Polygon', coordinates: [circleRing(circle.centre, circle.radiusKm)] },
      properties,
    })
  return { type: 'FeatureCollection', features }
}
