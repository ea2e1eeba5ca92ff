import { useEffect, useMemo, useState } from 'react'
import type { Language } from '../i18n/languages.ts'
import { languages } from '../i18n/languages.ts'
import type { Registered, RegistrationInfo } from './citizenApi.ts'
import { citizenApi } from './citizenApi.ts'
import { citizenLanguage, rememberLanguage, storedLanguage } from './citizenLanguage.ts'
import { ClaimRegistration } from './ClaimRegistration.tsx'
import { describeCitizenError } from './describeCitizenError.ts'
import { ManageRegistration } from './ManageRegistration.tsx'
import { managementToken } from './managementToken.ts'
import { RegistrationForm } from './RegistrationForm.tsx'
import { citizenTexts, fill } from './texts/citizenTexts.ts'
import { CitizenTextsContext } from './useCitizenTexts.ts'

/**
 * The citizen page (issue 11, capability 1), served by the public listener at `/register`: a
 * person registers, confirms each address with its code, sees, exports and erases what is held.
 * With a management token on this browser it shows the registration; without, the form and the
 * way back in with a code.
 */
export function CitizenApp() {
  const [language, setLanguage] = useState<Language>(() =>
    citizenLanguage(location.search, storedLanguage(), navigator.languages),
  )
  const texts = citizenTexts[language]
  const [info, setInfo] = useState<RegistrationInfo | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [token, setToken] = useState<string | null>(() => managementToken.read())
  const [note, setNote] = useState<string | null>(null)

  useEffect(() => {
    document.documentElement.lang = language
    document.title = texts.title
  }, [language, texts])
  useEffect(() => {
    citizenApi.info().then(setInfo, setFailure)
  }, [])

  const choose = (next: Language) => {
    rememberLanguage(next)
    setLanguage(next)
  }
  const registered = (answer: Registered) => {
    managementToken.keep(answer.token)
    setNote(null)
    setToken(answer.token)
  }
  const gone = (message: string | null) => {
    managementToken.forget()
    setToken(null)
    setNote(message)
  }
  const context = useMemo(() => ({ language, texts }), [language, texts])

  return (
    <CitizenTextsContext.Provider value={context}>
      <header className="citizen-header">
        <h1>{texts.title}</h1>
        <nav aria-label={texts.languageSwitcher}>
          <ul className="language-switcher">
            {languages.map((l) => (
              <li key={l}>
                <button type="button" lang={l} aria-pressed={l === language} onClick={() => choose(l)}>
                  {citizenTexts[l].languageName}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        {info && <p className="lead">{fill(texts.lead, { centre: info.centre })}</p>}
        <p className="emergency">{texts.emergency}</p>
        {note && (
          <p className="message" role="status" data-testid="page-note">
            {note}
          </p>
        )}
        {failure !== null ? (
          <p className="message message-error" role="alert">
            {describeCitizenError(failure, texts)}
          </p>
        ) : !info ? (
          <p>{texts.loading}</p>
        ) : token ? (
          <ManageRegistration token={token} info={info} onGone={gone} />
        ) : (
          <>
            <RegistrationForm info={info} onRegistered={registered} />
            <ClaimRegistration onClaimed={registered} />
          </>
        )}
      </main>
    </CitizenTextsContext.Provider>
  )
}
