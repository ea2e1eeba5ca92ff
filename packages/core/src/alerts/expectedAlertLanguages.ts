import type { AlertLanguage } from './shortText.ts'

/** Why a language is expected for an area (../shared/DOMAIN.md, "Languages by area"). */
export type ExpectedLanguageReason = 'country' | 'province' | 'border'

export interface ExpectedLanguage {
  readonly language: AlertLanguage
  readonly reason: ExpectedLanguageReason
  /** The country, province or border (`BE–NL`) that expects it. */
  readonly where: string
}

/**
 * The languages of each country, of those the composer writes: Belgium French, Dutch and German;
 * the Netherlands Dutch; Luxembourg French and German (Luxembourgish, its third, is not among
 * the composer's languages yet).
 */
const countryLanguages: Readonly<Record<string, readonly AlertLanguage[]>> = {
  BE: ['fr', 'nl', 'de'],
  NL: ['nl'],
  LU: ['fr', 'de'],
}

/**
 * The Belgian provinces by language: Flanders Dutch, Wallonia French, Brussels both, and Liège
 * French and German (the German-speaking Community is in its east). Dutch and Luxembourg
 * provinces take their country's languages.
 */
const provinceLanguages: Readonly<Record<string, readonly AlertLanguage[]>> = {
  'BE-AN': ['nl'],
  'BE-LI': ['nl'],
  'BE-OV': ['nl'],
  'BE-VB': ['nl'],
  'BE-WV': ['nl'],
  'BE-BU': ['fr', 'nl'],
  'BE-BW': ['fr'],
  'BE-HT': ['fr'],
  'BE-LX': ['fr'],
  'BE-NA': ['fr'],
  'BE-LG': ['fr', 'de'],
}

function languagesOfCode(code: string): {
  languages: readonly AlertLanguage[]
  reason: ExpectedLanguageReason
} {
  const province = provinceLanguages[code]
  if (province) return { languages: province, reason: 'province' }
  const country = code.slice(0, 2)
  return { languages: countryLanguages[country] ?? [], reason: code.length > 2 ? 'province' : 'country' }
}

/**
 * The languages expected for an alert's area: those of the shipped areas chosen (a province by
 * its own, a country by all of its), of the countries a drawn area touches, and, near or across
 * a border (`BE–NL`), those of both sides. Each language once, with the first reason found.
 */
export function expectedAlertLanguages(area: {
  /** The codes of the areas chosen (shipped: `BE-LG`, `NL`). */
  readonly codes: readonly string[]
  /** The countries a drawn polygon or circle touches (the area check's). */
  readonly drawnCountries: readonly string[]
  /** The borders the area crosses, or comes within a few kilometres of (`BE–NL`). */
  readonly borders: readonly string[]
}): ExpectedLanguage[] {
  const found = new Map<AlertLanguage, ExpectedLanguage>()
  const add = (languages: readonly AlertLanguage[], reason: ExpectedLanguageReason, where: string) => {
    for (const language of languages)
      if (!found.has(language)) found.set(language, { language, reason, where })
  }
  for (const code of area.codes) {
    const { languages, reason } = languagesOfCode(code)
    add(languages, reason, code)
  }
  for (const country of area.drawnCountries) add(countryLanguages[country] ?? [], 'country', country)
  for (const border of area.borders)
    for (const country of border.split(/[–-]/)) add(countryLanguages[country] ?? [], 'border', border)
  return [...found.values()]
}

/** The expected languages the alert's texts do not have. */
export function missingAlertLanguages(
  expected: readonly ExpectedLanguage[],
  written: readonly AlertLanguage[],
): ExpectedLanguage[] {
  return expected.filter((e) => !written.includes(e.language))
}
