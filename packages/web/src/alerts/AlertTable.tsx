import { useTranslation } from 'react-i18next'
import type { AlertRecord } from '../api/alertsApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { alertHref } from '../router/useHashRoute.ts'
import { AlertStatusBadge } from './AlertStatusBanner.tsx'
import { headlineOf } from './alertText.ts'

/** Alerts as a table: status, state, headline (a link to the alert), last change. */
export function AlertTable({
  alerts,
  caption,
  testId,
}: {
  alerts: readonly AlertRecord[]
  caption: string
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <table className="table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('alerts.status')}</th>
          <th scope="col">{t('alerts.state')}</th>
          <th scope="col">{t('alerts.headline')}</th>
          <th scope="col">{t('alerts.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <tr
            key={a.id}
            className={a.cap.status === 'Actual' ? undefined : `row-${a.cap.status.toLowerCase()}`}
          >
            <td>
              <AlertStatusBadge status={a.cap.status} />
            </td>
            <td>
              <span className="tag">{t(`alertStates.${a.state}`)}</span>
            </td>
            <td>
              <a href={alertHref(a.id)}>{headlineOf(a.cap) || t('alerts.noHeadline')}</a>
              {a.cap.msgType !== 'Alert' && (
                <span className="tag tag-muted"> {t(`capMsgTypes.${a.cap.msgType}`)}</span>
              )}
            </td>
            <td>
              <DateTime value={a.updatedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
