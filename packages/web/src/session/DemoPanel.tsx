import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DemoAccount } from '../api/demoApi.ts'
import { fetchDemoAccounts } from '../api/demoApi.ts'
import { roleLabel } from '../i18n/roleLabel.ts'

/** How often the codes are fetched again, at most. */
const refreshSeconds = 10

/**
 * Demo nodes only: the demo accounts with their passwords and current one-time codes, and a
 * button per account that fills the sign-in form. A real node answers 404 and nothing shows.
 */
export function DemoPanel({ onUse }: { readonly onUse: (account: DemoAccount) => void }) {
  const { t } = useTranslation()
  const titleId = useId()
  const [accounts, setAccounts] = useState<DemoAccount[] | null>(null)

  useEffect(() => {
    let timer: number | undefined
    let stopped = false
    const refresh = async (): Promise<void> => {
      let next = refreshSeconds
      try {
        const found = await fetchDemoAccounts()
        if (stopped) return
        setAccounts(found)
        if (found === null) return // a real node: never ask again
        // fetch again just after the first code turns over, if that is sooner
        const soonest = Math.min(...found.map((a) => a.codeExpiresInSeconds))
        next = Math.max(1, Math.min(refreshSeconds, soonest + 1))
      } catch {
        // the node is unreachable for now: keep what is shown and try again later
      }
      if (!stopped) timer = window.setTimeout(() => void refresh(), next * 1000)
    }
    void refresh()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [])

  if (!accounts || accounts.length === 0) return null
  return (
    <section className="demo-panel" aria-labelledby={titleId} data-testid="demo-users">
      <h2 id={titleId}>
        <span className="demo-badge" aria-hidden="true">
          {t('demo.badge')}
        </span>{' '}
        {t('demo.title')}
      </h2>
      <p>{t('demo.intro')}</p>
      <table className="table">
        <caption className="visually-hidden">{t('demo.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('demo.person')}</th>
            <th scope="col">{t('demo.organisation')}</th>
            <th scope="col">{t('demo.roles')}</th>
            <th scope="col">{t('demo.username')}</th>
            <th scope="col">{t('demo.password')}</th>
            <th scope="col">{t('demo.code')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('demo.use')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.username}>
              <th scope="row">{account.displayName}</th>
              <td>{account.organisation}</td>
              <td>{account.roles.map((role) => roleLabel(role, t)).join(', ')}</td>
              <td>
                <code>{account.username}</code>
              </td>
              <td>
                <code>{account.password}</code>
              </td>
              <td>
                <code className="otp-code" data-testid={`demo-code-${account.username}`}>
                  {account.code}
                </code>
              </td>
              <td>
                <button type="button" className="button button-small" onClick={() => onUse(account)}>
                  {t('demo.use')}
                  <span className="visually-hidden"> {account.displayName}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
