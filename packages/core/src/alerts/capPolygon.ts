import { capProblem, type CapProblem } from './capProblems.ts'

/** A point as CAP writes it: latitude first. */
export interface CapPoint {
  readonly lat: number
  readonly lon: number
}

/** The most points one polygon may carry; far above real warnings, far below an attack. */
export const maxPolygonPoints = 20_000

const number = /^[-+]?(\d+(\.\d*)?|\.\d+)$/

/**
 * Reads `lat,lon lat,lon ...`. Stops early (without reading the rest) once the polygon holds more
 * than `maxPoints`, so a polygon of a million points costs no more than the limit.
 */
export function parseCapPolygon(
  text: string,
  maxPoints = maxPolygonPoints,
): { points: CapPoint[] } | { problem: 'polygon_form' | 'polygon_too_many_points'; detail: string } {
  const points: CapPoint[] = []
  const pattern = /\S+/g
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (points.length >= maxPoints) return { problem: 'polygon_too_many_points', detail: `over ${maxPoints}` }
    const pair = parseCapPoint(match[0])
    if (pair === undefined) return { problem: 'polygon_form', detail: `"${match[0].slice(0, 40)}"` }
    points.push(pair)
  }
  return { points }
}

export function parseCapPoint(text: string): CapPoint | undefined {
  const parts = text.split(',')
  if (parts.length !== 2) return undefined
  const [latText = '', lonText = ''] = parts
  if (!number.test(latText) || !number.test(lonText)) return undefined
  const lat = Number(latText)
  const lon = Number(lonText)
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return undefined
  return { lat, lon }
}

/** Section 3 on one polygon: form, at least four points, closed, not crossing itself. */
export function checkCapPolygon(text: string, path: string, maxPoints = maxPolygonPoints): CapProblem[] {
  const parsed = parseCapPolygon(text, maxPoints)
  if ('problem' in parsed) return [capProblem(path, parsed.problem, parsed.detail)]
  const { points } = parsed
  if (points.length < 4) return [capProblem(path, 'polygon_too_few_points', `${points.length} given`)]
  const first = points[0]
  const last = points[points.length - 1]
  if (first === undefined || last === undefined || first.lat !== last.lat || first.lon !== last.lon) {
    return [capProblem(path, 'polygon_not_closed')]
  }
  const crossing = firstSelfIntersection(points)
  if (crossing !== undefined) {
    return [capProblem(path, 'polygon_self_intersecting', `edges ${crossing[0] + 1} and ${crossing[1] + 1}`)]
  }
  return []
}

interface Segment {
  readonly index: number
  readonly a: CapPoint
  readonly b: CapPoint
  readonly minLon: number
  readonly maxLon: number
}

/**
 * The first pair of non-adjacent edges of a closed ring that touch or cross, found with a sweep
 * over longitude (each edge is compared only with the edges whose longitude span overlaps it).
 * Zero-length edges (a repeated point) count as touching their neighbours' shared point and are
 * skipped as adjacent.
 */
export function firstSelfIntersection(ring: readonly CapPoint[]): [number, number] | undefined {
  const count = ring.length - 1
  if (count < 3) return undefined
  const segments: Segment[] = []
  for (let index = 0; index < count; index += 1) {
    const a = ring[index]
    const b = ring[index + 1]
    if (a === undefined || b === undefined) continue
    segments.push({ index, a, b, minLon: Math.min(a.lon, b.lon), maxLon: Math.max(a.lon, b.lon) })
  }
  const sorted = [...segments].sort((x, y) => x.minLon - y.minLon)
  let active: Segment[] = []
  for (const segment of sorted) {
    active = active.filter((other) => other.maxLon >= segment.minLon)
    for (const other of active) {
      if (adjacent(segment.index, other.index, count)) continue
      if (segmentsTouch(segment.a, segment.b, other.a, other.b)) {
        return segment.index < other.index ? [segment.index, other.index] : [other.index, segment.index]
      }
    }
    active.push(segment)
  }
  return undefined
}

function adjacent(i: number, j: number, count: number): boolean {
  const d = Math.abs(i - j)
  return d <= 1 || d === count - 1
}

function orientation(p: CapPoint, q: CapPoint, r: CapPoint): number {
  const value = (q.lat - p.lat) * (r.lon - q.lon) - (q.lon - p.lon) * (r.lat - q.lat)
  return value === 0 ? 0 : value > 0 ? 1 : -1
}

function onSegment(p: CapPoint, q: CapPoint, r: CapPoint): boolean {
  return (
    Math.min(p.lon, r.lon) <= q.lon &&
    q.lon <= Math.max(p.lon, r.lon) &&
    Math.min(p.lat, r.lat) <= q.lat &&
    q.lat <= Math.max(p.lat, r.lat)
  )
}

function segmentsTouch(p1: CapPoint, q1: CapPoint, p2: CapPoint, q2: CapPoint): boolean {
  const o1 = orientation(p1, q1, p2)
  const o2 = orientation(p1, q1, q2)
  const o3 = orientation(p2, q2, p1)
  const o4 = orientation(p2, q2, q1)
  if (o1 !== o2 && o3 !== o4) return true
  if (o1 === 0 && onSegment(p1, p2, q1)) return true
  if (o2 === 0 && onSegment(p1, q2, q1)) return true
  if (o3 === 0 && onSegment(p2, p1, q2)) return true
  if (o4 === 0 && onSegment(p2, q1, q2)) return true
  return false
}
