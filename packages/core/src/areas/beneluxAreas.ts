import { decodePolyline } from '../geometry/polyline.ts'
import { encodedBorders, encodedCountries, encodedProvinces, type EncodedArea } from './beneluxData.ts'

export type AreaNames = EncodedArea['name']

/** A polygon with holes, each ring flat [lon0, lat0, ...] and closed (last = first). */
export type FlatPolygon = readonly Float64Array[]

/** A shipped administrative area, its coordinates in typed arrays. */
export interface ShippedArea {
  readonly code: string
  readonly level: string
  readonly country: string
  readonly name: AreaNames
  readonly polygons: readonly FlatPolygon[]
  /** [west, south, east, north] */
  readonly bbox: readonly [number, number, number, number]
}

/** A shipped land border: which two countries it divides, and its lines flat. */
export interface ShippedBorder {
  readonly between: readonly [string, string]
  /** "BE–NL" */
  readonly name: string
  readonly km: number
  readonly lines: readonly Float64Array[]
}

function bboxOf(rings: readonly Float64Array[]): [number, number, number, number] {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const ring of rings)
    for (let i = 0; i < ring.length; i += 2) {
      w = Math.min(w, ring[i]!)
      e = Math.max(e, ring[i]!)
      s = Math.min(s, ring[i + 1]!)
      n = Math.max(n, ring[i + 1]!)
    }
  return [w, s, e, n]
}

function decodeArea(a: EncodedArea): ShippedArea {
  const polygons = a.polygons.map((rings) => rings.map(decodePolyline))
  return {
    code: a.code,
    level: a.level,
    country: a.country,
    name: a.name,
    polygons,
    bbox: bboxOf(polygons.flat()),
  }
}

let countries: readonly ShippedArea[] | undefined
let provinces: readonly ShippedArea[] | undefined
let borders: readonly ShippedBorder[] | undefined

/** Belgium, the European Netherlands and Luxembourg (OpenStreetMap, about 10 m), decoded once. */
export function beneluxCountries(): readonly ShippedArea[] {
  return (countries ??= encodedCountries.map(decodeArea))
}

/** The provinces (and Luxembourg's former districts) from Natural Earth: coarse, see data/README.md. */
export function beneluxProvinces(): readonly ShippedArea[] {
  return (provinces ??= encodedProvinces.map(decodeArea))
}

/** The land borders of the Benelux (no coast), one per pair of countries. */
export function beneluxBorders(): readonly ShippedBorder[] {
  return (borders ??= encodedBorders.map((b) => ({
    between: b.between,
    name: `${b.between[0]}–${b.between[1]}`,
    km: b.km,
    lines: b.lines.map(decodePolyline),
  })))
}

/** A flat polygon as GeoJSON coordinates. */
export function flatToPositions(polygon: FlatPolygon): [number, number][][] {
  return polygon.map((ring) => {
    const out: [number, number][] = []
    for (let i = 0; i < ring.length; i += 2) out.push([ring[i]!, ring[i + 1]!])
    return out
  })
}
