import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AlertProposal, AlertProposalStatus } from '../api/alertProposalsApi.ts'
import { listAlertProposals } from '../api/alertProposalsApi.ts'
import { StatusBadge } from '../cases/StatusBadge.tsx'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { alertProposalHref } from '../router/useHashRoute.ts'

const keyOf = (p: AlertProposal): string => `${p.origin}:${p.id}`
const eventStatus = (s: AlertProposalStatus) =>
  s === 'Actual' ? 'actual' : s === 'Exercise' ? 'exercise' : ('test' as const)

/**
 * "Incoming alert proposals" (decision 042): alerts a neighbouring centre proposes to this
 * centre because their area crosses into its country or comes near its border, newest first, of
 * one status at a time, each with where it stands; a proposal opens on its own page to be answered.
 */
export function IncomingProposalsPanel() {
  const { t } = useTranslation()
  const headingId = useId()
  const statusId = useId()
  const [status, setStatus] = useState<AlertProposalStatus>('Actual')
  const load = useCallback((after?: string) => listAlertProposals(status, after), [status])
  const proposals = usePages(load, keyOf, status)
  const { refresh } = proposals
  useEffect(() => {
    const timer = setInterval(refresh, 30_000)
    return () => clearInterval(timer)
  }, [refresh])
  const shown = proposals.data?.items ?? []
  return (
    <section aria-labelledby={headingId} className="desk-incoming" data-testid="alert-proposals">
      <div className="section-head">
        <h2 id={headingId}>{t('alertProposals.title')}</h2>
        <label htmlFor={statusId} className="inline-label">
          {t('incoming.status')}{' '}
          <select
            id={statusId}
            value={status}
            onChange={(e) => setStatus(e.target.value as AlertProposalStatus)}
          >
            {(['Actual', 'Exercise', 'Test'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`caseStatuses.${eventStatus(s)}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {proposals.error !== null && <ErrorAlert error={proposals.error} />}
      {proposals.loading && !proposals.data && <p role="status">{t('app.loading')}</p>}
      {proposals.data && shown.length === 0 && <p className="muted">{t('alertProposals.none')}</p>}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="table table-dense">
            <caption>{t('alertProposals.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incoming.origin')}</th>
                <th scope="col">{t('alertProposals.alert')}</th>
                <th scope="col">{t('alertProposals.where')}</th>
                <th scope="col">{t('incoming.received')}</th>
                <th scope="col">{t('alertProposals.state')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={keyOf(p)}>
                  <td>
                    {p.originName ?? p.origin} <span className="tag">{p.origin.toUpperCase()}</span>
                  </td>
                  <td>
                    {p.status !== 'Actual' && (
                      <>
                        <StatusBadge status={eventStatus(p.status)} />{' '}
                      </>
                    )}
                    <a href={alertProposalHref(p.origin, p.id)}>
                      {p.info[0]?.headline ?? p.info[0]?.event ?? p.identifier}
                    </a>
                    <br />
                    <span className="muted">
                      {p.info.map((i) => i.language).join(', ')} ·{' '}
                      {t(`capSeverities.${p.info[0]?.severity ?? 'Unknown'}`)}
                    </span>
                  </td>
                  <td>
                    {p.relation === 'crosses'
                      ? t('alertProposals.crosses')
                      : t('alertProposals.near', { km: p.km.toLocaleString() })}
                  </td>
                  <td>
                    <DateTime value={p.receivedAt} />
                  </td>
                  <td>{t(`alertProposals.states.${p.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShowMore
        next={proposals.data?.next ?? null}
        loading={proposals.loading}
        onMore={proposals.more}
        list={t('alertProposals.title')}
        testId="alert-proposals-show-more"
      />
    </section>
  )
}
