import { describe, expect, it } from 'vitest'
import { citizenTexts, fill } from './citizenTexts.ts'

describe("the citizen page's words", () => {
  it('fills each named place and leaves an unknown one as it is', () => {
    expect(fill('Place {n}: {label} {other}', { n: 2, label: 'school' })).toBe('Place 2: school {other}')
  })

  it('has the same places to fill in every language as in English', () => {
    const placesOf = (value: unknown, path = ''): string[] =>
      typeof value === 'string'
        ? [
            `${path}:${[...value.matchAll(/\{(\w+)\}/g)]
              .map((m) => m[1])
              .sort()
              .join(',')}`,
          ]
        : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => placesOf(v, `${path}.${k}`))
    const english = placesOf(citizenTexts.en)
    for (const language of ['fr', 'nl', 'de'] as const)
      expect(placesOf(citizenTexts[language])).toEqual(english)
  })
})
