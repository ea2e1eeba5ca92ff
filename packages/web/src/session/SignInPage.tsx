import type { FormEvent } from 'react'
import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/ApiError.ts'
import type { DemoAccount } from '../api/demoApi.ts'
import type { SignedIn } from '../api/sessionApi.ts'
import { signIn } from '../api/sessionApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SkipLink } from '../components/SkipLink.tsx'
import { TextField } from '../components/TextField.tsx'
import { CentreHeader } from '../shell/CentreHeader.tsx'
import { DemoPanel } from './DemoPanel.tsx'

export type SignOutNotice = 'sessionEnded' | 'signedOut' | 'signedOutEverywhere'

export interface SignInPageProps {
  readonly centreName: string
  readonly version: string | null
  readonly notice: SignOutNotice | null
  /** Why the page could not ask the node who is signed in, if it could not. */
  readonly problem: unknown
  readonly onSignedIn: (answer: SignedIn) => void
}

interface FieldErrors {
  readonly username?: string
  readonly password?: string
  readonly code?: string
}

/** Codes are typed with or without spaces; the node wants the 6 digits. */
const normaliseCode = (code: string): string => code.replace(/\s+/g, '')

export function SignInPage({ centreName, version, notice, problem, onSignedIn }: SignInPageProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const errorId = useId()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [status, setStatus] = useState<string | null>(null)
  const usernameRef = useRef<HTMLInputElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)
  const codeRef = useRef<HTMLInputElement>(null)
  const submitRef = useRef<HTMLButtonElement>(null)

  const errorCode = isApiError(error) ? error.code : null
  const credentialsError = errorCode === 'invalid_credentials' || errorCode === 'totp_required'
  const describedBy = error ? [errorId] : []

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const digits = normaliseCode(code)
    const problems: FieldErrors = {
      ...(username.trim() === '' ? { username: t('signIn.required') } : {}),
      ...(password === '' ? { password: t('signIn.required') } : {}),
      ...(digits !== '' && !/^\d{6}$/.test(digits) ? { code: t('signIn.codeFormat') } : {}),
    }
    setFieldErrors(problems)
    setStatus(null)
    if (Object.keys(problems).length > 0) {
      setError(null)
      if (problems.username) usernameRef.current?.focus()
      else if (problems.password) passwordRef.current?.focus()
      else codeRef.current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      const answer = await signIn({
        username: username.trim(),
        password,
        ...(digits === '' ? {} : { code: digits }),
      })
      onSignedIn(answer)
    } catch (caught) {
      setBusy(false)
      setError(caught)
      if (isApiError(caught) && caught.code === 'totp_required') {
        codeRef.current?.focus()
      } else if (isApiError(caught) && caught.code === 'invalid_credentials') {
        setCode('') // a code is good once: the next try needs the next one
      }
    }
  }

  const useAccount = (account: DemoAccount): void => {
    setUsername(account.username)
    setPassword(account.password)
    setCode(account.code)
    setError(null)
    setFieldErrors({})
    setStatus(t('demo.used', { name: account.displayName }))
    submitRef.current?.focus()
  }

  return (
    <div className="page page-public">
      <SkipLink />
      <CentreHeader centreName={centreName} asHeading />
      <main id="main" tabIndex={-1} className="public-main">
        <section className="card sign-in" aria-labelledby={titleId}>
          <h2 id={titleId}>{t('signIn.title')}</h2>
          {notice && (
            <p className="notice" data-testid="signin-notice">
              {t(`signIn.${notice}`)}
            </p>
          )}
          {problem !== null && <ErrorAlert error={problem} explain={false} />}
          <p>{t('signIn.intro')}</p>
          <form
            noValidate
            onSubmit={(event) => void submit(event)}
            aria-label={t('signIn.formLabel')}
            data-testid="signin-form"
          >
            {error !== null && <ErrorAlert id={errorId} error={error} explain={false} />}
            <TextField
              label={t('signIn.username')}
              value={username}
              onChange={setUsername}
              autoComplete="username"
              spellCheck={false}
              required
              maxLength={64}
              error={fieldErrors.username ?? null}
              describedBy={credentialsError || errorCode === 'account_locked' ? describedBy : []}
              inputRef={usernameRef}
            />
            <TextField
              label={t('signIn.password')}
              type="password"
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
              required
              maxLength={1024}
              error={fieldErrors.password ?? null}
              describedBy={credentialsError ? describedBy : []}
              inputRef={passwordRef}
            />
            <TextField
              label={t('signIn.code')}
              hint={t('signIn.codeHint')}
              value={code}
              onChange={setCode}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={7}
              spellCheck={false}
              error={fieldErrors.code ?? null}
              describedBy={credentialsError ? describedBy : []}
              inputRef={codeRef}
            />
            <button
              type="submit"
              className="button button-primary"
              aria-disabled={busy || undefined}
              ref={submitRef}
            >
              {busy ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </form>
          <LiveStatus message={status} />
        </section>
        <DemoPanel onUse={useAccount} />
      </main>
      {version && <footer className="site-footer">{t('app.footer', { version })}</footer>}
    </div>
  )
}
