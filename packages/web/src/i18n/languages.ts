/** The languages of the interface, in the order the language switcher lists them. */
export const languages = ['fr', 'nl', 'de', 'en'] as const
export type Language = (typeof languages)[number]

/** Each language's name in that language: never translated, so everyone finds their own. */
export const languageNames: Readonly<Record<Language, string>> = {
  fr: 'Français',
  nl: 'Nederlands',
  de: 'Deutsch',
  en: 'English',
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

/**
 * The first of the browser's preferred languages (`navigator.languages`, BCP 47 tags such as
 * `nl-BE`) that the interface speaks, else English.
 */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.split('-')[0]?.toLowerCase()
    if (isLanguage(primary)) return primary
  }
  return 'en'
}
