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
