import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { de } from './de.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'
import type { Language } from './languages.ts'
import { isLanguage, languages, pickLanguage } from './languages.ts'
import { nl } from './nl.ts'

const storageKey = 'liaison.language'

function storedLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(storageKey)
    return isLanguage(stored) ? stored : null
  } catch {
    return null // storage may be switched off; the browser's language then decides
  }
}

/**
 * Starts i18next in the remembered language, else the browser's, else English, and keeps
 * `<html lang>` in step with it.
 */
export async function setUpI18n(): Promise<void> {
  const lng = storedLanguage() ?? pickLanguage(navigator.languages)
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language
  })
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    resources: {
      fr: { translation: fr },
      nl: { translation: nl },
      de: { translation: de },
      en: { translation: en },
    },
    interpolation: { escapeValue: false }, // React escapes
  })
  document.documentElement.lang = lng
}

/** Switches the interface to `language` and remembers the choice in this browser. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language)
  } catch {
    // not remembered, but still switched
  }
  await i18next.changeLanguage(language)
}
