import { describe, expect, it } from 'vitest'
import { coordinate, placesFrom } from './PlaceDraft.ts'
import { citizenTexts } from './texts/citizenTexts.ts'

describe('a typed coordinate', () => {
  it('reads decimal degrees with a point or a comma, within the range', () => {
    expect(coordinate(' 50.8503 ', 90)).toBe(50.8503)
    expect(coordinate('4,3517', 180)).toBe(4.3517)
    expect(coordinate('-12', 90)).toBe(-12)
  })

  it('refuses what is not a number or lies beyond the range', () => {
    expect(coordinate('', 90)).toBeNull()
    expect(coordinate('91', 90)).toBeNull()
    expect(coordinate('1e3', 180)).toBeNull()
    expect(coordinate('50°N', 90)).toBeNull()
  })
})

describe('the places the form sends', () => {
  const texts = citizenTexts.en
  it('leaves empty rows out and keeps an area chosen by search', () => {
    expect(
      placesFrom(
        [
          { label: ' home ', lat: '50.46', lon: '4,87', areaCode: '92094' },
          { label: '', lat: ' ', lon: '', areaCode: null },
          { label: 'school', lat: '51', lon: '4.8', areaCode: null },
        ],
        texts,
      ),
    ).toEqual({
      places: [
        { label: 'home', lat: 50.46, lon: 4.87, areaCode: '92094' },
        { label: 'school', lat: 51, lon: 4.8 },
      ],
    })
  })

  it('refuses a row without both coordinates or without a name, by its number', () => {
    expect(placesFrom([{ label: 'home', lat: '50', lon: '', areaCode: null }], texts)).toEqual({
      error: 'Place 1: give both a latitude (−90 to 90) and a longitude (−180 to 180), or remove it.',
    })
    expect(
      placesFrom(
        [
          { label: 'home', lat: '50', lon: '4', areaCode: null },
          { label: ' ', lat: '50', lon: '4', areaCode: null },
        ],
        texts,
      ),
    ).toEqual({ error: 'Place 2: give it a name.' })
  })
})
