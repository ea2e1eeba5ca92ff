import type { Language } from '../../i18n/languages.ts'
import { de } from './de.ts'
import type { CitizenTexts } from './en.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'
import { nl } from './nl.ts'

export type { CitizenTexts }

/**
 * The citizen page's words in each language of the interface: a dictionary of its own, apart
 * from the duty desk's (the page must stay light for a phone), each checked against the English
 * one's shape by the compiler.
 */
export const citizenTexts: Readonly<Record<Language, CitizenTexts>> = { fr, nl, de, en }

/** A text with its `{name}` places filled in. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  )
}
