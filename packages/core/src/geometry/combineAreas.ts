import { clipPolygon } from 'lineclip'
import { intersection, union } from 'polyclip-ts'
import { beneluxCountries, flatToPositions } from '../areas/beneluxAreas.ts'

type Ring = [number, number][]
/** GeoJSON MultiPolygon coordinates. */
export type MultiPolygonCoordinates = Ring[][]

/** A circle as CAP draws it: centre [lon, lat] and radius in km. */
export interface Circle {
  readonly centre: readonly [number, number]
  readonly radiusKm: number
}

const earthKm = 6371.0088

/** A circle as a closed ring of `sides` geodesic points (destination formula on a sphere). */
export function circleToRing(circle: Circle, sides = 64): Ring {
  const [lon, lat] = circle.centre
  const φ1 = (lat * Math.PI) / 180
  const λ1 = (lon * Math.PI) / 180
  const δ = circle.radiusKm / earthKm
  const ring: Ring = []
  for (let i = 0; i < sides; i++) {
    const θ = (2 * Math.PI * i) / sides
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ))
    const λ2 =
      λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2))
    ring.push([
      Math.round(((λ2 * 180) / Math.PI) * 1e6) / 1e6,
      Math.round(((φ2 * 180) / Math.PI) * 1e6) / 1e6,
    ])
  }
  ring.push([ring[0]![0], ring[0]![1]])
  return ring
}

/**
 * Drawn polygons, circles and administrative areas (each a MultiPolygon) as one MultiPolygon:
 * their union, by polyclip-ts (a maintained Martinez–Rueda sweep).
 */
export function combineAreas(parts: {
  readonly polygons?: readonly Ring[][]
  readonly circles?: readonly Circle[]
  readonly areas?: readonly MultiPolygonCoordinates[]
}): MultiPolygonCoordinates {
  const geoms: MultiPolygonCoordinates[] = [
    ...(parts.polygons ?? []).map((p) => [p]),
    ...(parts.circles ?? []).map((c) => [[circleToRing(c)]]),
    ...(parts.areas ?? []),
  ]
  const [first, ...rest] = geoms
  if (!first) return []
  return union(first, ...rest)
}

/** The part of an area inside one Benelux country (BE, NL, LU), clipped at its border. */
export function clipToCountry(area: MultiPolygonCoordinates, country: string): MultiPolygonCoordinates {
  const c = beneluxCountries().find((x) => x.code === country)
  if (!c || area.length === 0) return []
  // the country's outline cut to the area's box first (lineclip, Sutherland–Hodgman): polyclip-ts
  // then sweeps a few hundred vertices instead of the country's tens of thousands
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const rings of area)
    for (const [x, y] of rings[0] ?? [])
      [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)]
  const box: [number, number, number, number] = [w - 0.01, s - 0.01, e + 0.01, n + 0.01]
  const outline: Ring[][] = []
  for (const polygon of c.polygons) {
    const rings = flatToPositions(polygon)
      .map((ring) => clipPolygon(ring, box))
      .filter((ring) => ring.length >= 3)
      .map((ring) =>
        ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring : [...ring, ring[0]!],
      )
    if (rings.length > 0) outline.push(rings)
  }
  if (outline.length === 0) return []
  return intersection(area, outline)
}
