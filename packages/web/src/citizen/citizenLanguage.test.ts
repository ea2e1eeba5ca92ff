import { describe, expect, it } from 'vitest'
import { citizenLanguage } from './citizenLanguage.ts'

describe("the citizen page's language", () => {
  it('takes ?lang= first, then the remembered one, then the browser’s, else English', () => {
    expect(citizenLanguage('?lang=de', 'nl', ['fr-BE'])).toBe('de')
    expect(citizenLanguage('?lang=xx', 'nl', ['fr-BE'])).toBe('nl')
    expect(citizenLanguage('', null, ['fr-BE', 'nl'])).toBe('fr')
    expect(citizenLanguage('', 'klingon', ['ja'])).toBe('en')
  })
})
