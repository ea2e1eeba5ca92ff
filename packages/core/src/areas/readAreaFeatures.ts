import { countriesAtPoint } from '../geometry/borders.ts'
import { ringProblems, type RingProblem } from '../geometry/ringProblems.ts'
import { err, ok, type Result } from '../result.ts'
import { isKnownCrs, toWgs84, type KnownCrs } from './toWgs84.ts'

/** The levels of the areas a node holds. */
export const areaLevels = ['country', 'province', 'municipality', 'safety-region', 'custom'] as const
export type AreaLevel = (typeof areaLevels)[number]

/** The languages an area may be named in. */
export const areaNameLanguages = ['nl', 'fr', 'de', 'en', 'lb'] as const
export type AreaNameLanguage = (typeof areaNameLanguages)[number]

/** An area read from a file, in WGS 84, ready to store. */
export interface AreaDraft {
  readonly code: string
  /** The name the file gives (the name property). */
  readonly name: string
  /** Names by language, from the name property with a suffix (`name_fr`, `naam_nl`: `<property>_<lang>`). */
  readonly names: Partial<Record<AreaNameLanguage, string>>
  /** The Benelux country at the middle of its box (or at its first point), if any. */
  readonly country: string | null
  readonly geometry: { readonly type: 'MultiPolygon'; readonly coordinates: [number, number][][][] }
  /** [west, south, east, north] */
  readonly bbox: readonly [number, number, number, number]
  readonly vertices: number
}

/** Why one feature of a file is not imported. */
export type FeatureRefusal =
  | { readonly index: number; readonly reason: 'not_a_feature' | 'no_geometry' | 'not_polygonal' }
  | {
      readonly index: number
      readonly reason: 'bad_coordinates' | 'outside_the_world'
      readonly path: string
    }
  | { readonly index: number; readonly reason: 'no_code' | 'no_name'; readonly property: string }
  | {
      readonly index: number
      readonly reason: 'duplicate_code'
      readonly code: string
      readonly first: number
    }
  | { readonly index: number; readonly reason: 'ring'; readonly path: string; readonly problem: RingProblem }

/** Why a whole file is refused. */
export type AreaFileRefusal =
  | { readonly reason: 'not_a_feature_collection' }
  | { readonly reason: 'crs_unknown'; readonly crs: string }
  | { readonly reason: 'crs_mismatch'; readonly file: string; readonly given: string }
  | { readonly reason: 'too_many_features'; readonly max: number }

export interface ReadAreaOptions {
  /** The reference the caller names (`--crs`); the file's own `crs` member must agree with it. */
  readonly crs?: string | undefined
  readonly codeProperty?: string | undefined
  readonly nameProperty?: string | undefined
  readonly maxFeatures?: number | undefined
}

export interface ReadAreas {
  readonly crs: KnownCrs
  readonly areas: readonly AreaDraft[]
  readonly refused: readonly FeatureRefusal[]
}

/** The largest file `liaison import areas` reads: the Netherlands has 342 municipalities, Belgium 565. */
export const maxAreaFeatures = 5_000

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

/** `EPSG:28992`, `urn:ogc:def:crs:EPSG::28992`, `urn:ogc:def:crs:OGC:1.3:CRS84` as `EPSG:…`. */
export function normaliseCrs(name: string): string {
  const trimmed = name.trim()
  if (/^urn:ogc:def:crs:OGC:(1\.3:)?CRS84$/i.test(trimmed)) return 'EPSG:4326'
  const epsg = /^(?:urn:ogc:def:crs:)?EPSG:(?:[\d.]*:)?(\d+)$/i.exec(trimmed)
  return epsg ? `EPSG:${epsg[1]}` : trimmed
}

function fileCrs(collection: Record<string, unknown>): string | undefined {
  const name = record(record(collection.crs)?.properties)?.name
  return typeof name === 'string' ? normaliseCrs(name) : undefined
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/**
 * Reads a GeoJSON FeatureCollection of administrative areas for `liaison import areas`: the
 * coordinate reference from the file's `crs` member or the caller (WGS 84 without either, as
 * RFC 7946 says; a reference outside WGS 84, Lambert 72, RD New and LUREF is refused), each
 * Polygon or MultiPolygon converted to WGS 84 and its rings checked (closed, four points, not
 * crossing themselves). A feature that fails is refused with its index and reason; the others
 * are read.
 */
export function readAreaFeatures(
  input: unknown,
  options: ReadAreaOptions = {},
): Result<ReadAreas, AreaFileRefusal> {
  const collection = record(input)
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    return err({ reason: 'not_a_feature_collection' })
  }
  const max = options.maxFeatures ?? maxAreaFeatures
  if (collection.features.length > max) return err({ reason: 'too_many_features', max })
  const inFile = fileCrs(collection)
  const given = options.crs === undefined ? undefined : normaliseCrs(options.crs)
  if (given !== undefined && inFile !== undefined && given !== inFile) {
    return err({ reason: 'crs_mismatch', file: inFile, given })
  }
  const crs = given ?? inFile ?? 'EPSG:4326'
  if (!isKnownCrs(crs)) return err({ reason: 'crs_unknown', crs })
  const convert = toWgs84(crs)
  const codeProperty = options.codeProperty ?? 'code'
  const nameProperty = options.nameProperty ?? 'name'
  const areas: AreaDraft[] = []
  const refused: FeatureRefusal[] = []
  const seen = new Map<string, number>()
  ;(collection.features as unknown[]).forEach((raw, index) => {
    const feature = record(raw)
    if (feature?.type !== 'Feature') return refused.push({ index, reason: 'not_a_feature' })
    const geometry = record(feature.geometry)
    if (geometry === undefined) return refused.push({ index, reason: 'no_geometry' })
    const properties = record(feature.properties) ?? {}
    const code = text(properties[codeProperty])
    if (code === undefined) return refused.push({ index, reason: 'no_code', property: codeProperty })
    const name = text(properties[nameProperty])
    if (name === undefined) return refused.push({ index, reason: 'no_name', property: nameProperty })
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)
          ? (geometry.coordinates as unknown[])
          : undefined
    if (polygons === undefined) return refused.push({ index, reason: 'not_polygonal' })
    const converted = convertPolygons(polygons, convert)
    if ('refusal' in converted) return refused.push({ index, ...converted.refusal })
    for (const [p, rings] of converted.coordinates.entries())
      for (const [r, ring] of rings.entries()) {
        const problem = ringProblems(ring)[0]
        if (problem !== undefined)
          return refused.push({ index, reason: 'ring', path: `[${p}][${r}]`, problem })
      }
    const first = seen.get(code)
    if (first !== undefined) return refused.push({ index, reason: 'duplicate_code', code, first })
    seen.set(code, index)
    const names: Partial<Record<AreaNameLanguage, string>> = {}
    for (const language of areaNameLanguages) {
      const named = text(properties[`${nameProperty}_${language}`])
      if (named !== undefined) names[language] = named
    }
    const bbox = boxOf(converted.coordinates)
    const middle: [number, number] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2]
    const country =
      countriesAtPoint(middle)[0] ?? countriesAtPoint(converted.coordinates[0]![0]![0]!)[0] ?? null
    areas.push({
      code,
      name,
      names,
      country,
      geometry: { type: 'MultiPolygon', coordinates: converted.coordinates },
      bbox,
      vertices: converted.vertices,
    })
    return undefined
  })
  return ok({ crs, areas, refused })
}

function convertPolygons(
  polygons: unknown[],
  convert: (p: readonly [number, number]) => [number, number],
):
  | { coordinates: [number, number][][][]; vertices: number }
  | { refusal: { reason: 'bad_coordinates' | 'outside_the_world'; path: string } } {
  const coordinates: [number, number][][][] = []
  let vertices = 0
  for (const [p, polygon] of polygons.entries()) {
    if (!Array.isArray(polygon) || polygon.length === 0)
      return { refusal: { reason: 'bad_coordinates', path: `[${p}]` } }
    const rings: [number, number][][] = []
    for (const [r, ring] of (polygon as unknown[]).entries()) {
      if (!Array.isArray(ring)) return { refusal: { reason: 'bad_coordinates', path: `[${p}][${r}]` } }
      const out: [number, number][] = []
      for (const [i, position] of (ring as unknown[]).entries()) {
        const path = `[${p}][${r}][${i}]`
        if (
          !Array.isArray(position) ||
          position.length < 2 ||
          typeof position[0] !== 'number' ||
          typeof position[1] !== 'number' ||
          !Number.isFinite(position[0]) ||
          !Number.isFinite(position[1])
        )
          return { refusal: { reason: 'bad_coordinates', path } }
        const [lon, lat] = convert([position[0], position[1]])
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
          return { refusal: { reason: 'outside_the_world', path } }
        out.push([lon, lat])
      }
      vertices += out.length
      rings.push(out)
    }
    coordinates.push(rings)
  }
  return { coordinates, vertices }
}

function boxOf(coordinates: [number, number][][][]): [number, number, number, number] {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const polygon of coordinates)
    for (const [x, y] of polygon[0] ?? []) {
      w = Math.min(w, x)
      e = Math.max(e, x)
      s = Math.min(s, y)
      n = Math.max(n, y)
    }
  return [w, s, e, n]
}
