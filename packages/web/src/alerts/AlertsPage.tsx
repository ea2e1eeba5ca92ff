import type { Permission } from '@liaison/core'
import { useTranslation } from 'react-i18next'
import type { AlertRecord } from '../api/alertsApi.ts'
import { listAlerts } from '../api/alertsApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { hrefOf } from '../router/useHashRoute.ts'
import { AlertTable } from './AlertTable.tsx'
import { IncomingProposalsPanel } from './IncomingProposalsPanel.tsx'

const idOf = (a: AlertRecord): string => a.id

/** The organisation's alerts, newest first, a page at a time; the way to a new alert and to the queue. */
export function AlertsPage({ permissions }: { readonly permissions: readonly Permission[] }) {
  const { t } = useTranslation()
  const alerts = usePages((after) => listAlerts(undefined, after), idOf)
  const shown = alerts.data?.items ?? []
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p className="button-row">
        {permissions.includes('alerts.draft') && (
          <a className="button button-primary" href={hrefOf('alertNew')}>
            {t('alerts.new')}
          </a>
        )}
        {permissions.includes('alerts.approve') && (
          <a className="button" href={hrefOf('alertQueue')}>
            {t('nav.alertQueue')}
          </a>
        )}
      </p>
      {alerts.error !== null && <ErrorAlert error={alerts.error} />}
      {alerts.loading && !alerts.data && <p role="status">{t('app.loading')}</p>}
      {alerts.data && shown.length === 0 && <p className="muted">{t('alerts.none')}</p>}
      {shown.length > 0 && <AlertTable alerts={shown} caption={t('alerts.caption')} testId="alerts-table" />}
      <ShowMore
        next={alerts.data?.next ?? null}
        loading={alerts.loading}
        onMore={alerts.more}
        list={t('alerts.title')}
        testId="alerts-show-more"
      />
      <IncomingProposalsPanel />
    </>
  )
}
