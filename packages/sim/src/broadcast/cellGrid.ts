import { seededRandom } from '../seededRandom.ts'

/** One synthetic cell: its id and where its antenna stands. */
export interface SimulatedCell {
  readonly id: string
  readonly lat: number
  readonly lon: number
}

/** The Benelux, roughly: Belgium, the Netherlands and Luxembourg inside one box. */
export const beneluxBox = { south: 49.45, north: 53.55, west: 2.5, east: 7.25 } as const

/**
 * A seeded grid of cells over the Benelux: one cell about every `stepDegrees`, each moved a
 * little at random from its grid point, so that the same seed gives the same cells.
 */
export function cellGrid(seed: number, prefix: string, stepDegrees = 0.05): SimulatedCell[] {
  const random = seededRandom(seed)
  const cells: SimulatedCell[] = []
  const rows = Math.round((beneluxBox.north - beneluxBox.south) / stepDegrees)
  const columns = Math.round((beneluxBox.east - beneluxBox.west) / stepDegrees)
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++) {
      const lat = beneluxBox.south + (row + random()) * stepDegrees
      const lon = beneluxBox.west + (column + random()) * stepDegrees
      cells.push({ id: `${prefix}-${row * columns + column}`, lat: round(lat), lon: round(lon) })
    }
  return cells
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5
}

/** A CAP polygon (`lat,lon` pairs) holds a point: even-odd ray casting. */
export function polygonHolds(
  points: readonly { lat: number; lon: number }[],
  lat: number,
  lon: number,
): boolean {
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i]!
    const b = points[j]!
    if (a.lat > lat !== b.lat > lat && lon < ((b.lon - a.lon) * (lat - a.lat)) / (b.lat - a.lat) + a.lon)
      inside = !inside
  }
  return inside
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}
