import { createContext, useContext } from 'react'
import type { Language } from '../i18n/languages.ts'
import type { CitizenTexts } from './texts/citizenTexts.ts'
import { citizenTexts } from './texts/citizenTexts.ts'

/** The page's language and its words, given by the page to every part of it. */
export const CitizenTextsContext = createContext<{ language: Language; texts: CitizenTexts }>({
  language: 'en',
  texts: citizenTexts.en,
})

export function useCitizenTexts(): { language: Language; texts: CitizenTexts } {
  return useContext(CitizenTextsContext)
}
