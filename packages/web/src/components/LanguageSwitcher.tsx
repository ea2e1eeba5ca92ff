import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { isLanguage, languageNames, languages } from '../i18n/languages.ts'
import { chooseLanguage } from '../i18n/setUpI18n.ts'

/** A labelled select of the four languages, each named in its own language. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en'
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={current}
        onChange={(event) => {
          const chosen = event.target.value
          if (isLanguage(chosen)) void chooseLanguage(chosen)
        }}
      >
        {languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {languageNames[language]}
          </option>
        ))}
      </select>
    </div>
  )
}
