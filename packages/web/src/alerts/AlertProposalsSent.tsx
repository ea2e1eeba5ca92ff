import { useTranslation } from 'react-i18next'
import { listProposalsOfAlert } from '../api/alertProposalsApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { ProposalState } from './AlertProposalPage.tsx'

/**
 * On the sender's alert page (decision 042): the neighbouring centres the alert was proposed to,
 * each with where its proposal stands: proposed, adopted, declined (with the reason) or noted.
 */
export function AlertProposalsSent({ alertId }: { readonly alertId: string }) {
  const { t } = useTranslation()
  const loaded = useLoad(() => listProposalsOfAlert(alertId))
  const items = loaded.data?.items ?? []
  if (loaded.error === null && items.length === 0) return null
  return (
    <section aria-labelledby="alert-proposals-sent" data-testid="alert-proposals-sent">
      <h2 id="alert-proposals-sent">{t('alertProposals.sentTitle')}</h2>
      {loaded.error !== null && <ErrorAlert error={loaded.error} />}
      <ul>
        {items.map((p) => (
          <li key={p.id}>
            {t(`countries.${p.toCountry}`, { defaultValue: p.toCountry })} ({p.toNode.toUpperCase()}):{' '}
            <ProposalState proposal={p} />
          </li>
        ))}
      </ul>
    </section>
  )
}
