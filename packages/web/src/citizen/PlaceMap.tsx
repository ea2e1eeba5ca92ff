import type { MouseEvent } from 'react'
import type { RegistrationInfo } from './citizenApi.ts'
import { fill } from './texts/citizenTexts.ts'
import { useCitizenTexts } from './useCitizenTexts.ts'

export interface PlaceMapProps {
  readonly map: RegistrationInfo['map']
  /** The places drawn on the map, numbered in order; one without a position is left out. */
  readonly places: readonly { readonly lon: number | null; readonly lat: number | null }[]
  /** The place a click sets (its number, from 1), and its label. */
  readonly active: number
  readonly activeLabel: string
  readonly onPick: (lon: number, lat: number) => void
}

/**
 * A light map to pick a place on: the Benelux outline the node sends (an SVG path, a few
 * kilobytes, no tiles), linear in longitude and latitude over its frame. A click sets the active
 * place; a keyboard or screen reader user types the coordinates beside it instead.
 */
export function PlaceMap({ map, places, active, activeLabel, onPick }: PlaceMapProps) {
  const { texts } = useCitizenTexts()
  const x = (lon: number) => ((lon - map.west) / (map.east - map.west)) * map.width
  const y = (lat: number) => ((map.north - lat) / (map.north - map.south)) * map.height
  const pick = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    if (box.width === 0 || box.height === 0) return
    const fx = (event.clientX - box.left) / box.width
    const fy = (event.clientY - box.top) / box.height
    const lon = map.west + fx * (map.east - map.west)
    const lat = map.north - fy * (map.north - map.south)
    onPick(Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5)
  }
  const label = fill(texts.places.map, { label: activeLabel })
  return (
    <figure className="place-map">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        role="img"
        aria-label={label}
        onClick={pick}
        data-testid="place-map"
      >
        <title>{label}</title>
        <path d={map.outline} fill="#eef1f4" stroke="#56606b" strokeWidth="0.8" />
        {places.map((p, index) =>
          p.lon === null || p.lat === null ? null : (
            <g key={index} className={index + 1 === active ? 'marker marker-active' : 'marker'}>
              <circle cx={x(p.lon)} cy={y(p.lat)} r="7" />
              <text x={x(p.lon)} y={y(p.lat) + 4} textAnchor="middle">
                {index + 1}
              </text>
            </g>
          ),
        )}
      </svg>
      <figcaption>{fill(texts.places.mapHint, { label: activeLabel })}</figcaption>
    </figure>
  )
}
