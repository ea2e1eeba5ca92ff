import { describe, expect, it } from 'vitest'
import { expectedAlertLanguages, missingAlertLanguages } from './expectedAlertLanguages.ts'

const languages = (area: Parameters<typeof expectedAlertLanguages>[0]) =>
  expectedAlertLanguages(area).map((e) => e.language)
const none = { codes: [], drawnCountries: [], borders: [] }

describe('the languages expected for an area', () => {
  it.each([
    [{ ...none, codes: ['BE-AN'] }, ['nl']],
    [{ ...none, codes: ['BE-NA'] }, ['fr']],
    [{ ...none, codes: ['BE-BU'] }, ['fr', 'nl']],
    [{ ...none, codes: ['BE-LG'] }, ['fr', 'de']],
    [{ ...none, codes: ['BE'] }, ['fr', 'nl', 'de']],
    [{ ...none, codes: ['NL-LI'] }, ['nl']],
    [{ ...none, codes: ['LU'] }, ['fr', 'de']],
    [{ ...none, codes: ['GM0344'] }, []],
    [{ ...none, drawnCountries: ['NL'] }, ['nl']],
    [{ ...none, drawnCountries: ['BE'] }, ['fr', 'nl', 'de']],
    [{ ...none, codes: ['NL-LI'], borders: ['BE–NL'] }, ['nl', 'fr', 'de']],
    [{ ...none, drawnCountries: ['LU'], borders: ['BE–LU'] }, ['fr', 'de', 'nl']],
  ])('%j expects %j', (area, expected) => {
    expect(languages(area)).toEqual(expected)
  })

  it('says why and where, and which are missing', () => {
    const expected = expectedAlertLanguages({ codes: ['NL-LI'], drawnCountries: [], borders: ['BE–NL'] })
    expect(expected[0]).toEqual({ language: 'nl', reason: 'province', where: 'NL-LI' })
    expect(expected[1]).toEqual({ language: 'fr', reason: 'border', where: 'BE–NL' })
    expect(missingAlertLanguages(expected, ['nl', 'fr']).map((e) => e.language)).toEqual(['de'])
    expect(missingAlertLanguages(expected, ['nl', 'fr', 'de'])).toEqual([])
  })
})
