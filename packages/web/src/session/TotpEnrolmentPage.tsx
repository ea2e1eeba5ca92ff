import type { FormEvent } from 'react'
import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/ApiError.ts'
import type { Me, SignedIn, TotpEnrolment } from '../api/sessionApi.ts'
import { confirmTotpEnrolment, startTotpEnrolment } from '../api/sessionApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { SkipLink } from '../components/SkipLink.tsx'
import { TextField } from '../components/TextField.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { CentreHeader } from '../shell/CentreHeader.tsx'

export interface TotpEnrolmentPageProps {
  readonly centreName: string
  readonly me: Me
  readonly onEnrolled: (answer: SignedIn) => void
  readonly onSignOut: () => Promise<void>
}

/** The QR code as an image: a data URL, which the page's content security policy allows. */
function qrDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`
}

/** Stage 'enrol-totp': a first sign-in, or after an administrator reset the one-time code. */
export function TotpEnrolmentPage({ centreName, me, onEnrolled, onSignOut }: TotpEnrolmentPageProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const enrolment = useLoad<TotpEnrolment>(startTotpEnrolment)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const codeRef = useRef<HTMLInputElement>(null)

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const digits = code.replace(/\s+/g, '')
    setError(null)
    if (!/^\d{6}$/.test(digits)) {
      setFieldError(t('signIn.codeFormat'))
      codeRef.current?.focus()
      return
    }
    setFieldError(null)
    setBusy(true)
    try {
      onEnrolled(await confirmTotpEnrolment(digits))
    } catch (caught) {
      setBusy(false)
      setCode('')
      if (isApiError(caught) && caught.code === 'invalid_credentials') setFieldError(t('enrol.wrongCode'))
      else setError(caught)
      codeRef.current?.focus()
    }
  }

  return (
    <div className="page page-public">
      <SkipLink />
      <CentreHeader centreName={centreName}>
        <div className="user-menu" data-testid="user-menu">
          <p className="user-name">{me.user.displayName}</p>
          <button
            type="button"
            className="button button-on-dark"
            onClick={() => void onSignOut().catch((caught: unknown) => setError(caught))}
          >
            {t('enrol.signOut')}
          </button>
        </div>
      </CentreHeader>
      <main id="main" tabIndex={-1} className="public-main">
        <section className="card enrolment" aria-labelledby={titleId}>
          <h1 id={titleId}>{t('enrol.title')}</h1>
          <p>{t('enrol.intro')}</p>
          {enrolment.loading && !enrolment.data && <p role="status">{t('enrol.starting')}</p>}
          {enrolment.error !== null && (
            <>
              <ErrorAlert error={enrolment.error} />
              <button type="button" className="button" onClick={enrolment.reload}>
                {t('app.retry')}
              </button>
            </>
          )}
          {enrolment.data && (
            <>
              <img
                className="qr-code"
                src={qrDataUrl(enrolment.data.qrSvg)}
                alt={t('enrol.qrAlt')}
                width={220}
                height={220}
                data-testid="totp-qr"
              />
              <p>
                {t('enrol.secretLabel')}{' '}
                <code className="totp-secret" data-testid="totp-secret">
                  {enrolment.data.secret}
                </code>
              </p>
              <form noValidate onSubmit={(event) => void submit(event)} data-testid="enrol-form">
                {error !== null && <ErrorAlert error={error} />}
                <TextField
                  label={t('enrol.code')}
                  value={code}
                  onChange={setCode}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9 ]*"
                  maxLength={7}
                  spellCheck={false}
                  required
                  error={fieldError}
                  inputRef={codeRef}
                />
                <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
                  {busy ? t('enrol.confirming') : t('enrol.confirm')}
                </button>
              </form>
            </>
          )}
        </section>
      </main>
    </div>
  )
}
