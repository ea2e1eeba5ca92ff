import { describe, expect, it } from 'vitest'
import { de } from './de.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'
import { nl } from './nl.ts'

const dictionaries = { fr, nl, de, en } as const

/** Every leaf of a dictionary as [dotted key, value]. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]): [string, unknown][] =>
    typeof value === 'object' && value !== null
      ? leaves(value as object, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  )
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort()
}

const english = new Map(leaves(en).map(([key, value]) => [key, String(value)]))

describe.each(Object.entries(dictionaries))('the %s dictionary', (_language, dictionary) => {
  const entries = leaves(dictionary)

  it('has exactly the keys of the English one', () => {
    expect(entries.map(([key]) => key).sort()).toEqual([...english.keys()].sort())
  })

  it('has a non-empty string for every key', () => {
    const bad = entries.filter(([, value]) => typeof value !== 'string' || value.trim() === '')
    expect(bad).toEqual([])
  })

  it('uses the same {{placeholders}} as the English one', () => {
    const mismatched = entries.flatMap(([key, value]) => {
      const expected = placeholders(english.get(key) ?? '')
      const actual = placeholders(String(value))
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ key, expected, actual }]
    })
    expect(mismatched).toEqual([])
  })

  it('has no unbalanced braces that i18next would print as they are', () => {
    const bad = entries.filter(([, value]) => {
      const text = String(value)
      return (text.match(/\{\{/g) ?? []).length !== (text.match(/\}\}/g) ?? []).length
    })
    expect(bad).toEqual([])
  })
})
