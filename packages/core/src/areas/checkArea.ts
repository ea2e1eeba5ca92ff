import { beneluxCountries, beneluxProvinces, flatToPositions } from './beneluxAreas.ts'
import { checkAgainstBorders, type BorderCheck } from '../geometry/borders.ts'
import { circleToRing, type Circle, type MultiPolygonCoordinates } from '../geometry/combineAreas.ts'
import { ringProblems, type RingProblem } from '../geometry/ringProblems.ts'

/** A drawn alert area: polygons (GeoJSON rings), circles, and codes of shipped areas ("BE-LG"). */
export interface DrawnArea {
  readonly polygons?: readonly (readonly (readonly [number, number])[])[]
  readonly circles?: readonly Circle[]
  readonly codes?: readonly string[]
}

export type AreaProblem =
  | (RingProblem & { readonly path: string })
  | { readonly reason: 'not_found'; readonly path: string }
  | { readonly reason: 'empty'; readonly path: string }

export interface AreaCheck extends BorderCheck {
  readonly problems: readonly AreaProblem[]
  readonly vertices: number
}

/**
 * The composer's live check of an alert area: each drawn polygon closed, with at least four
 * points and not crossing itself (problems carry the path of the polygon), then, over the whole
 * area, the countries it touches, the land borders it crosses and the nearest border under
 * withinKm. Codes name the shipped countries and provinces, or the imported areas the caller
 * read from its store and gives in `imported` (municipalities, safety regions).
 */
export function checkArea(
  area: DrawnArea,
  options: {
    readonly withinKm?: number
    readonly imported?: readonly { readonly code: string; readonly coordinates: MultiPolygonCoordinates }[]
  } = {},
): AreaCheck {
  const withinKm = options.withinKm ?? 5
  const problems: AreaProblem[] = []
  const usable: MultiPolygonCoordinates = []
  let vertices = 0
  ;(area.polygons ?? []).forEach((ring, i) => {
    vertices += ring.length
    const found = ringProblems(ring)
    for (const p of found) problems.push({ ...p, path: `polygons[${i}]` })
    if (found.length === 0) usable.push([ring.map(([x, y]) => [x, y] as [number, number])])
  })
  for (const c of area.circles ?? []) usable.push([circleToRing(c)])
  const shipped = [...beneluxCountries(), ...beneluxProvinces()]
  ;(area.codes ?? []).forEach((code, i) => {
    const a = shipped.find((s) => s.code === code)
    const imported = a ? undefined : options.imported?.find((m) => m.code === code)
    if (a) for (const p of a.polygons) usable.push(flatToPositions(p))
    else if (imported) usable.push(...imported.coordinates)
    else problems.push({ reason: 'not_found', path: `codes[${i}]` })
  })
  if (usable.length === 0 && problems.length === 0) problems.push({ reason: 'empty', path: '' })
  return { problems, vertices, ...checkAgainstBorders(usable, withinKm) }
}
