import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreatedToken } from '../api/tokensApi.ts'
import { LiveStatus } from '../components/LiveStatus.tsx'

/** A new token's secret, shown this once, with a copy button. */
export function TokenSecret({
  created,
  onDone,
}: {
  readonly created: CreatedToken
  readonly onDone: () => void
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const secretRef = useRef<HTMLElement>(null)
  const [status, setStatus] = useState<string | null>(null)

  useEffect(() => {
    headingRef.current?.focus()
  }, [created.token.id])

  const selectSecret = (): void => {
    const secret = secretRef.current
    const selection = window.getSelection()
    if (!secret || !selection) return
    const range = document.createRange()
    range.selectNodeContents(secret)
    selection.removeAllRanges()
    selection.addRange(range)
  }

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(created.secret)
      setStatus(t('tokens.copied'))
    } catch {
      selectSecret()
      setStatus(t('tokens.copyFailed'))
    }
  }

  return (
    <section className="card secret-panel" aria-labelledby={titleId}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {t('tokens.secretTitle', { name: created.token.name })}
      </h2>
      <p className="secret-notice">
        <strong>{t('tokens.secretNotice')}</strong>
      </p>
      <p>
        <code className="secret" ref={secretRef} data-testid="token-secret">
          {created.secret}
        </code>
      </p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {t('tokens.copy')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </div>
      <LiveStatus message={status} />
    </section>
  )
}
