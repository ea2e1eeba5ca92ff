import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { TokenRecord } from '../api/tokensApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { formatDateTime } from '../i18n/formatDateTime.ts'

export interface TokenRowProps {
  readonly token: TokenRecord
  readonly busy: boolean
  readonly onRevoke: (token: TokenRecord) => Promise<void>
}

function TokenStatus({ token }: { readonly token: TokenRecord }) {
  const { t, i18n } = useTranslation()
  if (token.revokedAt) {
    return (
      <span className="tag tag-muted">
        {t('tokens.revokedAt', { at: formatDateTime(token.revokedAt, i18n.language) })}
      </span>
    )
  }
  if (new Date(token.expiresAt).getTime() <= Date.now())
    return <span className="tag tag-muted">{t('tokens.expired')}</span>
  return <span className="tag">{t('tokens.active')}</span>
}

/** One token in the list, with its revoke button and the question that confirms it. */
export function TokenRow({ token, busy, onRevoke }: TokenRowProps) {
  const { t } = useTranslation()
  const [confirming, setConfirming] = useState(false)
  const revokeRef = useRef<HTMLButtonElement>(null)
  const active = !token.revokedAt && new Date(token.expiresAt).getTime() > Date.now()

  const cancel = (): void => {
    flushSync(() => setConfirming(false))
    revokeRef.current?.focus()
  }

  return (
    <tr>
      <th scope="row">{token.name}</th>
      <td>
        <ul className="plain-list">
          {token.scopes.map((scope) => (
            <li key={scope}>
              <code>{scope}</code>
            </li>
          ))}
        </ul>
      </td>
      <td>
        <DateTime value={token.createdAt} />
      </td>
      <td>
        <DateTime value={token.expiresAt} />
      </td>
      <td>{token.lastUsedAt ? <DateTime value={token.lastUsedAt} /> : t('app.never')}</td>
      <td>
        <TokenStatus token={token} />
      </td>
      <td>
        {active && !confirming && (
          <button
            type="button"
            className="button button-small button-danger"
            ref={revokeRef}
            aria-disabled={busy || undefined}
            onClick={() => setConfirming(true)}
          >
            {t('tokens.revoke')}
            <span className="visually-hidden"> {token.name}</span>
          </button>
        )}
        {active && confirming && (
          <div className="confirm" role="group" aria-label={t('tokens.revoke')}>
            <p>{t('tokens.revokeConfirm', { name: token.name })}</p>
            <button
              type="button"
              className="button button-small button-danger"
              aria-disabled={busy || undefined}
              autoFocus
              onClick={() => void onRevoke(token)}
            >
              {t('tokens.revokeYes')}
            </button>
            <button type="button" className="button button-small" onClick={cancel}>
              {t('app.cancel')}
            </button>
          </div>
        )}
      </td>
    </tr>
  )
}
