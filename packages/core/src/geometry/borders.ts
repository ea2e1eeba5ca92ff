import Flatbush from 'flatbush'
import {
  beneluxBorders,
  beneluxCountries,
  type ShippedArea,
  type ShippedBorder,
} from '../areas/beneluxAreas.ts'
import { segmentsIntersect } from './ringProblems.ts'

type Pos = readonly [number, number]
/** Polygons, each a list of rings of [lon, lat] (GeoJSON MultiPolygon coordinates). */
export type PolygonList = readonly (readonly (readonly Pos[])[])[]

const kmPerDegreeLat = 110.574
const kmPerDegreeLon = 111.32
/** The index works in a fixed projection; exact distances are taken locally at each point. */
const indexCos = Math.cos((51 * Math.PI) / 180)

interface Segments {
  readonly index: Flatbush
  /** per segment: x0, y0, x1, y1 in degrees */
  readonly coords: Float64Array
  /** per segment: the index of its border in beneluxBorders() */
  readonly border: Uint8Array
}

let segments: Segments | undefined

function borderSegments(): Segments {
  if (segments) return segments
  const borders = beneluxBorders()
  let count = 0
  for (const b of borders) for (const line of b.lines) count += Math.max(0, line.length / 2 - 1)
  const coords = new Float64Array(count * 4)
  const border = new Uint8Array(count)
  const index = new Flatbush(count)
  let s = 0
  borders.forEach((b, bi) => {
    for (const line of b.lines)
      for (let i = 0; i + 3 < line.length; i += 2) {
        const [x0, y0, x1, y1] = [line[i]!, line[i + 1]!, line[i + 2]!, line[i + 3]!]
        coords.set([x0, y0, x1, y1], s * 4)
        border[s] = bi
        index.add(
          Math.min(x0, x1) * indexCos * kmPerDegreeLon,
          Math.min(y0, y1) * kmPerDegreeLat,
          Math.max(x0, x1) * indexCos * kmPerDegreeLon,
          Math.max(y0, y1) * kmPerDegreeLat,
        )
        s++
      }
  })
  index.finish()
  return (segments = { index, coords, border })
}

/** Distance in km from point p to segment a–b, in a plane tangent at p. */
function pointSegmentKm(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const kx = Math.cos((py * Math.PI) / 180) * kmPerDegreeLon
  const ky = kmPerDegreeLat
  const ux = (ax - px) * kx
  const uy = (ay - py) * ky
  const vx = (bx - px) * kx
  const vy = (by - py) * ky
  const dx = vx - ux
  const dy = vy - uy
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ux * dx + uy * dy) / len2))
  return Math.hypot(ux + t * dx, uy + t * dy)
}

export interface NearestBorder {
  /** "BE–NL" */
  readonly border: string
  readonly between: readonly [string, string]
  readonly km: number
}

/** The nearest land border to a point [lon, lat], with its name and the distance in km. */
export function nearestBorderToPoint(point: Pos, withinKm = Infinity): NearestBorder | null {
  const { index, coords, border } = borderSegments()
  const [px, py] = point
  const qx = px * indexCos * kmPerDegreeLon
  const qy = py * kmPerDegreeLat
  // candidates by box distance in the fixed projection, widened for its error (≤ 10 % in the Benelux)
  const first = index.neighbors(qx, qy, 1, withinKm * 1.2)[0]
  if (first === undefined) return null
  const exact = (s: number) =>
    pointSegmentKm(px, py, coords[s * 4]!, coords[s * 4 + 1]!, coords[s * 4 + 2]!, coords[s * 4 + 3]!)
  const reach = exact(first) * 1.2 + 0.01
  let best = first
  let bestKm = exact(first)
  for (const s of index.neighbors(qx, qy, Infinity, reach)) {
    const km = exact(s)
    if (km < bestKm) [best, bestKm] = [s, km]
  }
  if (bestKm > withinKm) return null
  const b: ShippedBorder = beneluxBorders()[border[best]!]!
  return { border: b.name, between: b.between, km: bestKm }
}

function inRing(x: number, y: number, ring: readonly Pos[] | Float64Array): boolean {
  let inside = false
  if (ring instanceof Float64Array) {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const xi = ring[i]!
      const yi = ring[i + 1]!
      const xj = ring[j]!
      const yj = ring[j + 1]!
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
    return inside
  }
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Whether [lon, lat] lies in the polygons (holes excluded). */
export function pointInPolygons(point: Pos, polygons: PolygonList): boolean {
  return polygons.some(
    (rings) =>
      inRing(point[0], point[1], rings[0] ?? []) &&
      !rings.slice(1).some((h) => inRing(point[0], point[1], h)),
  )
}

function inShippedArea(point: Pos, area: ShippedArea): boolean {
  const [x, y] = point
  const [w, s, e, n] = area.bbox
  if (x < w || x > e || y < s || y > n) return false
  return area.polygons.some(
    (rings) => inRing(x, y, rings[0]!) && !rings.slice(1).some((h) => inRing(x, y, h)),
  )
}

/**
 * The Benelux countries a point lies in. Usually one or none; the OpenStreetMap outlines overlap
 * by a few metres in places (the centre of Baarle-Hertog lies in both BE and NL), and then the
 * point counts for every country it lies in (decision 027).
 */
export function countriesAtPoint(point: Pos): string[] {
  return beneluxCountries()
    .filter((c) => inShippedArea(point, c))
    .map((c) => c.code)
}

export interface BorderCheck {
  /** The countries the area touches, Benelux and neighbours (DE, FR), sorted. */
  readonly countries: readonly string[]
  /** Whether some of the area lies outside Belgium, the Netherlands and Luxembourg (sea or neighbour). */
  readonly outsideBenelux: boolean
  /** The land borders the area crosses, "BE–NL". */
  readonly crosses: readonly string[]
  /** The nearest land border within withinKm when the area crosses none, else null. */
  readonly nearest: NearestBorder | null
}

/** Everything the composer says about an area and the borders: which countries, which borders, how near. */
export function checkAgainstBorders(polygons: PolygonList, withinKm = 5): BorderCheck {
  const { index, coords, border } = borderSegments()
  const borders = beneluxBorders()
  const countries = new Set<string>()
  let outsideBenelux = false
  const crossed = new Set<number>()
  let nearest: NearestBorder | null = null
  for (const rings of polygons) {
    const outer = rings[0] ?? []
    for (const p of outer.slice(0, -1)) {
      const here = countriesAtPoint(p)
      if (here.length === 0) outsideBenelux = true
      for (const c of here) countries.add(c)
    }
    // border segments near the polygon: crossing an edge, or lying inside
    let w = Infinity
    let s = Infinity
    let e = -Infinity
    let n = -Infinity
    for (const [x, y] of outer)
      [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)]
    const margin = withinKm / kmPerDegreeLat
    const near = index.search(
      (w - margin * 2) * indexCos * kmPerDegreeLon,
      (s - margin) * kmPerDegreeLat,
      (e + margin * 2) * indexCos * kmPerDegreeLon,
      (n + margin) * kmPerDegreeLat,
    )
    for (const seg of near) {
      if (crossed.has(border[seg]!)) continue
      const [x0, y0, x1, y1] = [
        coords[seg * 4]!,
        coords[seg * 4 + 1]!,
        coords[seg * 4 + 2]!,
        coords[seg * 4 + 3]!,
      ]
      let hit = pointInPolygons([x0, y0], [rings])
      for (const ring of rings) {
        for (let i = 0; !hit && i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i]!
          const [bx, by] = ring[i + 1]!
          hit = segmentsIntersect(ax, ay, bx, by, x0, y0, x1, y1)
        }
      }
      if (hit) {
        crossed.add(border[seg]!)
        continue
      }
      if (crossed.size > 0) continue
      // distance from the border's vertex to the polygon's edges
      for (const ring of rings)
        for (let i = 0; i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i]!
          const [bx, by] = ring[i + 1]!
          const km = pointSegmentKm(x0, y0, ax, ay, bx, by)
          if (km <= withinKm && (!nearest || km < nearest.km)) {
            const b = borders[border[seg]!]!
            nearest = { border: b.name, between: b.between, km }
          }
        }
    }
    if (crossed.size === 0)
      for (const p of outer) {
        const found = nearestBorderToPoint(p, withinKm)
        if (found && (!nearest || found.km < nearest.km)) nearest = found
      }
  }
  for (const b of crossed) for (const c of borders[b]!.between) countries.add(c)
  if ([...countries].some((c) => c !== 'BE' && c !== 'NL' && c !== 'LU')) outsideBenelux = true
  return {
    countries: [...countries].sort(),
    outsideBenelux,
    crosses: [...crossed].map((b) => borders[b]!.name).sort(),
    nearest: crossed.size > 0 ? null : nearest,
  }
}

/**
 * The distance in km from polygons to the land border between two countries (0 when they cross or
 * hold it), or null when it is farther than withinKm. Each edge of the polygons against each
 * segment of that border in their box widened by withinKm: the nearer of the segments' ends to the
 * edges and the polygons' vertices to the segments.
 */
export function borderDistanceKm(
  polygons: PolygonList,
  between: readonly [string, string],
  withinKm: number,
): number | null {
  const { index, coords, border } = borderSegments()
  const borders = beneluxBorders()
  const wanted = new Set<number>()
  borders.forEach((b, i) => {
    if (b.between.includes(between[0]) && b.between.includes(between[1])) wanted.add(i)
  })
  if (wanted.size === 0) return null
  let best = Infinity
  for (const rings of polygons) {
    const outer = rings[0] ?? []
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
    for (const [x, y] of outer)
      [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)]
    const margin = withinKm / kmPerDegreeLat
    const near = index.search(
      (w - margin * 2) * indexCos * kmPerDegreeLon,
      (s - margin) * kmPerDegreeLat,
      (e + margin * 2) * indexCos * kmPerDegreeLon,
      (n + margin) * kmPerDegreeLat,
    )
    for (const seg of near) {
      if (!wanted.has(border[seg]!)) continue
      const [x0, y0, x1, y1] = [
        coords[seg * 4]!,
        coords[seg * 4 + 1]!,
        coords[seg * 4 + 2]!,
        coords[seg * 4 + 3]!,
      ]
      if (pointInPolygons([x0, y0], [rings])) return 0
      for (const ring of rings)
        for (let i = 0; i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i]!
          const [bx, by] = ring[i + 1]!
          if (segmentsIntersect(ax, ay, bx, by, x0, y0, x1, y1)) return 0
          best = Math.min(
            best,
            pointSegmentKm(x0, y0, ax, ay, bx, by),
            pointSegmentKm(x1, y1, ax, ay, bx, by),
            pointSegmentKm(ax, ay, x0, y0, x1, y1),
          )
        }
    }
  }
  return best <= withinKm ? best : null
}
