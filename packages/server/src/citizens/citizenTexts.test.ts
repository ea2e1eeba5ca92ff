import { describe, expect, it } from 'vitest'
import { citizenLanguageOf, citizenWords } from './citizenTexts.ts'

describe('citizenLanguageOf', () => {
  it.each([
    [['nl-BE', 'fr'], 'nl'],
    [['lb', 'de-LU', 'fr'], 'de'],
    [['FR-be'], 'fr'],
    [['es', 'pt'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(citizenLanguageOf(languages)).toBe(expected)
  })
})

describe('citizenWords', () => {
  it('puts the code, the links and STOP in every language’s first message', () => {
    for (const language of ['fr', 'nl', 'de', 'en'] as const) {
      const text = citizenWords(language).welcome('BE-Alert', '123456', 'https://a.be/', 'https://a.be/u/x')
      expect(text).toContain('123456')
      expect(text).toContain('https://a.be/')
      expect(text).toContain('https://a.be/u/x')
      expect(text).toContain('STOP')
      expect(citizenWords(language).code('BE-Alert', '654321', 15)).toContain('654321')
    }
  })
})
