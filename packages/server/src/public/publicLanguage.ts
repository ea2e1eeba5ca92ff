import type { Country } from '@liaison/core'

/** The languages of the public page. */
export const publicLanguages = ['fr', 'nl', 'de', 'en'] as const
export type PublicLanguage = (typeof publicLanguages)[number]

/** The languages a centre speaks to its public, its first one the page's default. */
export const centreLanguages: Readonly<Record<Country, readonly PublicLanguage[]>> = {
  BE: ['fr', 'nl', 'de'],
  NL: ['nl'],
  LU: ['fr', 'de'],
}

/**
 * The page's language for an `Accept-Language` header: the supported language the reader ranks
 * highest (`q` weights, `nl-BE` counting as `nl`, `*` as the centre's first), else the centre's
 * first. Never throws: any header, however malformed, has an answer.
 */
export function publicLanguage(header: string | undefined, country: Country): PublicLanguage {
  const fallback = centreLanguages[country][0] ?? 'en'
  if (!header) return fallback
  let best: { language: PublicLanguage; q: number } | null = null
  const ranges = header.slice(0, 1024).split(',').slice(0, 32)
  for (const range of ranges) {
    const [tag = '', ...params] = range.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue
    const primary = tag.trim().split('-')[0] ?? ''
    const language = primary === '*' ? fallback : publicLanguages.find((l) => l === primary)
    if (language === undefined) continue
    if (best === null || q > best.q) best = { language, q }
  }
  return best?.language ?? fallback
}
