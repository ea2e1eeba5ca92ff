import { describe, expect, it } from 'vitest'
import { publicLanguage } from './publicLanguage.ts'

describe('publicLanguage', () => {
  it.each([
    [undefined, 'BE', 'fr'],
    [undefined, 'NL', 'nl'],
    ['', 'LU', 'fr'],
    ['nl-BE,nl;q=0.9,en;q=0.8', 'BE', 'nl'],
    ['de-DE', 'BE', 'de'],
    ['en-GB,en;q=0.9', 'NL', 'en'],
    ['pl,en;q=0.5', 'BE', 'en'],
    ['pl,ja', 'NL', 'nl'],
    ['en;q=0.3,fr;q=0.7', 'NL', 'fr'],
    ['*', 'NL', 'nl'],
    ['de;q=0,en;q=0.1', 'LU', 'en'],
    ['fr;q=abc,nl', 'BE', 'nl'],
    ['fr;q=2', 'NL', 'nl'],
    [';;;,,,q=,', 'BE', 'fr'],
    ['x'.repeat(100_000), 'BE', 'fr'],
  ] as const)('%j on a %s centre: %s', (header, country, expected) => {
    expect(publicLanguage(header, country)).toBe(expected)
  })
})
