import type { CapArea } from './CapAlert.ts'
import { parseCapPoint, parseCapPolygon } from './capPolygon.ts'

/** A position as GeoJSON writes it: longitude first. */
export type LonLat = [number, number]

/** An area of a CAP message for a map: its polygons as GeoJSON, its circles by centre and radius. */
export interface CapAreaGeometry {
  readonly areaDesc: string
  /** GeoJSON MultiPolygon of the area's polygons (one ring each), null when it has none. */
  readonly polygons: { readonly type: 'MultiPolygon'; readonly coordinates: LonLat[][][] } | null
  readonly circles: { readonly centre: LonLat; readonly radiusKm: number }[]
}

const radius = /^[+]?(\d+(\.\d*)?|\.\d+)$/

/**
 * The map's view of a CAP area: polygons turned to GeoJSON (longitude first) and circles read
 * (`lat,lon radius`). A polygon or circle the reader let through with a warning but that cannot
 * be read is left out: the area description still names the place.
 */
export function capAreaGeometry(area: CapArea): CapAreaGeometry {
  const rings: LonLat[][][] = []
  for (const text of area.polygon) {
    const read = parseCapPolygon(text)
    if (!('points' in read) || read.points.length < 4) continue
    rings.push([read.points.map((p): LonLat => [p.lon, p.lat])])
  }
  const circles: { centre: LonLat; radiusKm: number }[] = []
  for (const text of area.circle) {
    const [centreText = '', radiusText = '', ...rest] = text.trim().split(/\s+/)
    const centre = parseCapPoint(centreText)
    if (centre === undefined || rest.length > 0 || !radius.test(radiusText)) continue
    circles.push({ centre: [centre.lon, centre.lat], radiusKm: Number(radiusText) })
  }
  return {
    areaDesc: area.areaDesc,
    polygons: rings.length === 0 ? null : { type: 'MultiPolygon', coordinates: rings },
    circles,
  }
}
