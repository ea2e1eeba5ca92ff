import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/ApiError.ts'
import type { PartnerStatus } from '../api/partnersApi.ts'
import { listPartnerStatus } from '../api/partnersApi.ts'
import { partnerState } from './partnerState.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'

/**
 * Partner centres on the duty desk (issue 9, capability 7): each peer, reachable or not, its last
 * contact, what waits to be sent to it and since when, what came from it, and the last error.
 * Read every 15 seconds. Shown to those who may read partner status (the centre's duty officers
 * and administrators); to others the node answers 403 and the panel is left out.
 */
export function PartnersPanel() {
  const { t } = useTranslation()
  const headingId = useId()
  const [partners, setPartners] = useState<readonly PartnerStatus[] | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [hidden, setHidden] = useState(false)

  const load = useCallback(async () => {
    try {
      setPartners((await listPartnerStatus()).items)
      setFailure(null)
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) setHidden(true)
      else setFailure(error)
    }
  }, [])
  useEffect(() => {
    void load()
    const timer = setInterval(() => void load(), 15_000)
    return () => clearInterval(timer)
  }, [load])

  if (hidden) return null
  return (
    <section aria-labelledby={headingId} className="desk-partners" data-testid="partners">
      <h2 id={headingId}>{t('partners.title')}</h2>
      {failure !== null && <ErrorAlert error={failure} />}
      {partners === null && failure === null && <p role="status">{t('app.loading')}</p>}
      {partners !== null && partners.length === 0 && <p className="muted">{t('partners.none')}</p>}
      {partners !== null && partners.length > 0 && (
        <div className="table-scroll">
          <table className="table table-dense">
            <caption>{t('partners.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partners.centre')}</th>
                <th scope="col">{t('partners.state')}</th>
                <th scope="col">{t('partners.lastContact')}</th>
                <th scope="col">{t('partners.waiting')}</th>
                <th scope="col">{t('partners.received')}</th>
                <th scope="col">{t('partners.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => {
                const state = partnerState(p)
                return (
                  <tr key={p.nodeId} data-partner={p.nodeId} data-state={state}>
                    <th scope="row">{p.nodeId.toUpperCase()}</th>
                    <td>
                      <span className={`partner-state partner-${state}`}>
                        {t(`partners.states.${state}`)}
                      </span>
                      {p.parkedSince !== null && (
                        <>
                          {' '}
                          <span className="muted">
                            {t('partners.since')} <DateTime value={p.parkedSince} />
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      {p.lastContactAt === null ? t('partners.never') : <DateTime value={p.lastContactAt} />}
                    </td>
                    <td>
                      {p.outbound.waiting}
                      {p.outbound.oldestUnacknowledgedAt !== null && (
                        <>
                          {' '}
                          <span className="muted">
                            {t('partners.oldest')} <DateTime value={p.outbound.oldestUnacknowledgedAt} />
                          </span>
                        </>
                      )}
                    </td>
                    <td>{p.inbound.received}</td>
                    <td>{p.lastError === null ? '' : p.lastError.message}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
