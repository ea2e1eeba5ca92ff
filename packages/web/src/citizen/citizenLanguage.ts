import type { Language } from '../i18n/languages.ts'
import { isLanguage, pickLanguage } from '../i18n/languages.ts'

const storageKey = 'liaison.language'

/** The page's language: `?lang=` first, then the one this browser chose before, then the browser's. */
export function citizenLanguage(
  search: string,
  stored: string | null,
  preferred: readonly string[],
): Language {
  const asked = new URLSearchParams(search).get('lang')
  if (isLanguage(asked)) return asked
  if (isLanguage(stored)) return stored
  return pickLanguage(preferred)
}

export function storedLanguage(): string | null {
  try {
    return localStorage.getItem(storageKey)
  } catch {
    return null
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language)
  } catch {
    // not remembered, but still switched
  }
}
