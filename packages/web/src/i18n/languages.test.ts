import { describe, expect, it } from 'vitest'
import { pickLanguage } from './languages.ts'

describe('pickLanguage', () => {
  it.each([
    [['nl-BE', 'fr-BE'], 'nl'],
    [['fr'], 'fr'],
    [['de-LU', 'en'], 'de'],
    [['lb-LU', 'fr-LU'], 'fr'],
    [['EN-gb'], 'en'],
    [['es-ES', 'it'], 'en'],
    [[], 'en'],
  ] as const)('picks from %j: %s', (preferred, expected) => {
    expect(pickLanguage(preferred)).toBe(expected)
  })
})
