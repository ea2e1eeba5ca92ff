import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/sessionApi.ts'
import type { CreatedToken, TokenRecord } from '../api/tokensApi.ts'
import { listTokens, revokeToken } from '../api/tokensApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { CreateTokenForm } from './CreateTokenForm.tsx'
import { TokenRow } from './TokenRow.tsx'
import { TokenSecret } from './TokenSecret.tsx'

/** The API tokens of the admin's organisation: list, create (secret shown once), revoke. */
export function TokensPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const tokens = useLoad(listTokens)
  const [created, setCreated] = useState<CreatedToken | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const items = tokens.data?.items ?? []

  const revoke = async (token: TokenRecord): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    setStatus(null)
    try {
      await revokeToken(token.id)
      setStatus(t('tokens.revoked', { name: token.name }))
      tokens.reload()
      document.querySelector<HTMLElement>('main h1')?.focus()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <h1>{t('tokens.title')}</h1>
      <p className="lead">{t('tokens.intro')}</p>
      {created && (
        <TokenSecret
          created={created}
          onDone={() => {
            setCreated(null)
            document.querySelector<HTMLElement>('main h1')?.focus()
          }}
        />
      )}
      <LiveStatus message={status} testId="tokens-status" />
      {error !== null && <ErrorAlert error={error} />}
      {tokens.error !== null && <ErrorAlert error={tokens.error} />}
      {tokens.loading && !tokens.data && <p role="status">{t('app.loading')}</p>}
      {tokens.data && (
        <table className="table" data-testid="tokens-table">
          <caption>{t('tokens.caption', { organisation: me.organisation.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.scopes')}</th>
              <th scope="col">{t('tokens.created')}</th>
              <th scope="col">{t('tokens.expires')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.status')}</th>
              <th scope="col">{t('tokens.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={7}>{t('tokens.empty')}</td>
              </tr>
            )}
            {items.map((token) => (
              <TokenRow key={token.id} token={token} busy={busy} onRevoke={revoke} />
            ))}
          </tbody>
        </table>
      )}
      <CreateTokenForm
        scopes={me.permissions}
        onCreated={(answer) => {
          setCreated(answer)
          setStatus(null)
          tokens.set({ items: [answer.token, ...items] })
        }}
      />
    </>
  )
}
