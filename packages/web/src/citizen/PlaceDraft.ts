import type { NewRegistration } from './citizenApi.ts'
import type { CitizenTexts } from './texts/citizenTexts.ts'
import { fill } from './texts/citizenTexts.ts'

/** A place as the form holds it: the coordinates as typed, the area a search chose. */
export interface PlaceDraft {
  readonly label: string
  readonly lat: string
  readonly lon: string
  readonly areaCode: string | null
}

/** A typed coordinate as a number within its range, or null. */
export function coordinate(text: string, limit: number): number | null {
  const trimmed = text.trim().replace(',', '.')
  if (!/^-?\d{1,3}(\.\d{1,10})?$/.test(trimmed)) return null
  const value = Number(trimmed)
  return Math.abs(value) <= limit ? value : null
}

/**
 * The places the form holds as the API takes them: an empty row is left out, a row without both
 * coordinates in range or without a name is refused with its number.
 */
export function placesFrom(
  drafts: readonly PlaceDraft[],
  texts: CitizenTexts,
): { places: NewRegistration['places'] } | { error: string } {
  const places: NewRegistration['places'] = []
  for (const [index, p] of drafts.entries()) {
    if (!p.label.trim() && !p.lat.trim() && !p.lon.trim()) continue
    const lat = coordinate(p.lat, 90)
    const lon = coordinate(p.lon, 180)
    if (lat === null || lon === null) return { error: fill(texts.places.invalid, { n: index + 1 }) }
    const label = p.label.trim()
    if (!label) return { error: fill(texts.places.invalidLabel, { n: index + 1 }) }
    places.push({ label, lat, lon, ...(p.areaCode ? { areaCode: p.areaCode } : {}) })
  }
  return { places }
}
