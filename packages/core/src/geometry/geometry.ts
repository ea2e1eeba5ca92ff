/** The GeoJSON geometries a case's map features use (RFC 7946), in WGS 84 longitude, latitude. */
export type Position = readonly [number, number]

export type Geometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }

export const maxVertices = 5_000

function positionProblem(p: unknown, where: string): string | null {
  if (
    !Array.isArray(p) ||
    p.length < 2 ||
    p.length > 3 ||
    !p.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    return `${where}: a position is [longitude, latitude]`
  }
  const [lon, lat] = p as number[]
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90)
    return `${where}: [${lon}, ${lat}] is outside longitude ±180 / latitude ±90`
  return null
}

/** Checks an untrusted value is a geometry Liaison draws; returns every problem, or the geometry. */
export function parseGeometry(value: unknown): { geometry: Geometry } | { problems: string[] } {
  const problems: string[] = []
  const g = value as { type?: unknown; coordinates?: unknown } | null
  if (!g || typeof g !== 'object') return { problems: ['geometry: must be a GeoJSON geometry object'] }
  const coords = g.coordinates
  switch (g.type) {
    case 'Point': {
      const p = positionProblem(coords, 'geometry.coordinates')
      if (p) problems.push(p)
      break
    }
    case 'LineString': {
      if (!Array.isArray(coords) || coords.length < 2)
        problems.push('geometry.coordinates: a line needs at least 2 positions')
      else if (coords.length > maxVertices)
        problems.push(`geometry.coordinates: at most ${maxVertices} positions`)
      else
        coords.forEach((c, i) => {
          const p = positionProblem(c, `geometry.coordinates[${i}]`)
          if (p) problems.push(p)
        })
      break
    }
    case 'Polygon': {
      if (!Array.isArray(coords) || coords.length < 1) {
        problems.push('geometry.coordinates: a polygon needs at least one ring')
        break
      }
      let total = 0
      coords.forEach((ring: unknown, r) => {
        if (!Array.isArray(ring) || ring.length < 4) {
          problems.push(
            `geometry.coordinates[${r}]: a ring needs at least 4 positions, the last equal to the first`,
          )
          return
        }
        total += ring.length
        ring.forEach((c, i) => {
          const p = positionProblem(c, `geometry.coordinates[${r}][${i}]`)
          if (p) problems.push(p)
        })
        const first = ring[0] as number[]
        const last = ring[ring.length - 1] as number[]
        if (first[0] !== last[0] || first[1] !== last[1])
          problems.push(
            `geometry.coordinates[${r}]: the ring is not closed (last position must equal the first)`,
          )
      })
      if (total > maxVertices) problems.push(`geometry.coordinates: at most ${maxVertices} positions`)
      break
    }
    default:
      problems.push(`geometry.type: '${String(g.type)}' must be Point, LineString or Polygon`)
  }
  return problems.length > 0 ? { problems } : { geometry: value as Geometry }
}

export const featureKinds = [
  'incident-point',
  'perimeter',
  'command-post',
  'assembly-point',
  'roadblock',
  'route',
  'other',
] as const
export type FeatureKind = (typeof featureKinds)[number]

/** Something drawn on a case's map: an incident point, a perimeter, a PC-Ops/CoPI, a roadblock. */
export interface MapFeature {
  readonly id: string
  readonly caseId: string
  readonly orgId: string
  readonly kind: FeatureKind
  readonly label: string
  readonly geometry: Geometry
  readonly version: number
  readonly createdBy: string
  readonly updatedAt: Date
}
