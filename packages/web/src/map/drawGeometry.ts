import type { Geometry } from '../api/dutyApi.ts'

export type Shape = 'point' | 'perimeter' | 'route'
export const shapes: readonly Shape[] = ['point', 'perimeter', 'route']

type Position = readonly [number, number]

/** "lat, lon" lines (decimal comma or point; blank lines ignored) as [lon, lat] positions, or the first bad line (1-based). */
export function parseVertices(
  text: string,
): { readonly ok: true; readonly positions: Position[] } | { readonly ok: false; readonly line: number } {
  const positions: Position[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '') continue
    const parts = line.split(/\s*[;,]\s*|\s+/).filter((p) => p !== '')
    // "50,85 4,35" style: decimal commas with a space between
    const numbers =
      parts.length === 2 ? parts.map(Number) : line.split(/\s+/).map((p) => Number(p.replace(',', '.')))
    const [lat, lon] = numbers
    if (
      numbers.length !== 2 ||
      lat === undefined ||
      lon === undefined ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lon) ||
      lat < -90 ||
      lat > 90 ||
      lon < -180 ||
      lon > 180
    )
      return { ok: false, line: i + 1 }
    positions.push([lon, lat])
  }
  return { ok: true, positions }
}

const same = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1]

/** Distinct positions, in order (a repeated neighbour and a closing repeat of the first are dropped). */
function distinct(positions: readonly Position[]): Position[] {
  const out: Position[] = []
  for (const p of positions) if (!out.some((q) => same(p, q))) out.push(p)
  return out
}

/** The geometry of a perimeter (closed ring, ≥ 3 distinct vertices) or a route (≥ 2), or null when too few. */
export function finishShape(shape: 'perimeter' | 'route', positions: readonly Position[]): Geometry | null {
  const vertices = distinct(positions)
  if (shape === 'perimeter') {
    const first = vertices[0]
    if (vertices.length < 3 || first === undefined) return null
    return { type: 'Polygon', coordinates: [[...vertices, first]] }
  }
  if (vertices.length < 2) return null
  return { type: 'LineString', coordinates: vertices }
}

/** One "lat, lon" line for a clicked place. */
export const vertexLine = (lon: number, lat: number): string => `${lat.toFixed(5)}, ${lon.toFixed(5)}`

/**
 * A point typed as a latitude and a longitude (decimal comma or point), as a GeoJSON point, or
 * which of the two is missing or out of range.
 */
export function readPoint(
  lat: string,
  lon: string,
):
  | { readonly ok: true; readonly geometry: Geometry }
  | { readonly ok: false; readonly lat: boolean; readonly lon: boolean } {
  const x = Number(lon.trim().replace(',', '.'))
  const y = Number(lat.trim().replace(',', '.'))
  const badLon = lon.trim() === '' || !Number.isFinite(x) || x < -180 || x > 180
  const badLat = lat.trim() === '' || !Number.isFinite(y) || y < -90 || y > 90
  if (badLon || badLat) return { ok: false, lat: badLat, lon: badLon }
  return { ok: true, geometry: { type: 'Point', coordinates: [x, y] } }
}
