import type { CapAreaFeatureCollection } from '@liaison/core'
import { beneluxCountries } from '@liaison/core'

/** The map's frame: the Benelux with a margin, in degrees. */
const west = 2.4
const east = 7.3
const south = 49.35
const north = 53.65
/** The frame in degrees (WGS 84) the map's pixels span: x grows with longitude, y with falling latitude. */
export const mapFrame = { west, east, south, north } as const
/** Pixels per degree of latitude; longitude is scaled by the cosine of the middle latitude. */
const scale = 56
const lonScale = scale * Math.cos((51.5 * Math.PI) / 180)
export const mapWidth = Math.round((east - west) * lonScale)
export const mapHeight = Math.round((north - south) * scale)

const x = (lon: number): number => (lon - west) * lonScale
const y = (lat: number): number => (north - lat) * scale

/** A ring of [lon, lat] as an SVG path, its points at least `minPx` apart (light enough for a phone). */
function ringPath(points: Iterable<readonly [number, number]>, minPx: number): string {
  let d = ''
  let last: [number, number] | null = null
  let count = 0
  for (const [lon, lat] of points) {
    const px: [number, number] = [Math.round(x(lon) * 2) / 2, Math.round(y(lat) * 2) / 2]
    if (last && Math.hypot(px[0] - last[0], px[1] - last[1]) < minPx) continue
    d += `${count === 0 ? 'M' : 'L'}${px[0]} ${px[1]}`
    last = px
    count++
  }
  return count >= 3 ? `${d}Z` : ''
}

function* flatPoints(ring: Float64Array): Generator<readonly [number, number]> {
  for (let i = 0; i + 1 < ring.length; i += 2) yield [ring[i]!, ring[i + 1]!]
}

let outline: string | undefined

/** The Benelux countries' outline as one SVG path, simplified to about 2 px, built once. */
export function beneluxOutlinePath(): string {
  return (outline ??= beneluxCountries()
    .flatMap((c) => c.polygons.map((p) => (p[0] ? ringPath(flatPoints(p[0]), 2) : '')))
    .join(''))
}

/** The id of the page's one outline, drawn by reference in every alert's map. */
export const outlineSymbolId = 'benelux'

/** The outline as an SVG symbol, once per page (each map refers to it). */
export function beneluxOutlineSymbol(): string {
  return `<svg width="0" height="0" aria-hidden="true" focusable="false"><symbol id="${outlineSymbolId}" viewBox="0 0 ${mapWidth} ${mapHeight}"><path d="${beneluxOutlinePath()}" fill="#eef1f4" stroke="#56606b" stroke-width="0.8"/></symbol></svg>`
}

/**
 * A small map of an alert's areas over the Benelux outline: an inline SVG (no script, no
 * request), each area filled, and a dot on each so that a small one is still seen.
 */
export function alertMapSvg(areas: CapAreaFeatureCollection, label: string): string {
  const shapes: string[] = []
  for (const feature of areas.features) {
    for (const polygon of feature.geometry?.coordinates ?? []) {
      const ring = polygon[0]
      if (!ring || ring.length === 0) continue
      const d = ringPath(ring, 0.5)
      if (d) shapes.push(`<path d="${d}"/>`)
      const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length
      const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length
      shapes.push(`<circle cx="${x(cx).toFixed(1)}" cy="${y(cy).toFixed(1)}" r="3"/>`)
    }
  }
  const escaped = label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<svg class="map" role="img" viewBox="0 0 ${mapWidth} ${mapHeight}" width="${mapWidth}" height="${mapHeight}"><title>${escaped}</title><use href="#${outlineSymbolId}"/><g fill="#c0392b" fill-opacity="0.55" stroke="#7b1e14" stroke-width="1">${shapes.join('')}</g></svg>`
}
