import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/sessionApi.ts'
import type { IncomingItem, IncomingStatus } from '../api/incomingApi.ts'
import { acknowledgeIncoming, listIncoming } from '../api/incomingApi.ts'
import { StatusBadge } from '../cases/StatusBadge.tsx'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { useLiveEvents } from '../live/liveStream.ts'
import { receivedCaseHref } from '../router/useHashRoute.ts'

const keyOf = (item: IncomingItem): string => `${item.origin}:${item.kind}:${item.id}`

/** Where an item opens: a case in its read-only room; an entry or task in its case's. */
function hrefOf(item: IncomingItem): string | null {
  if (item.kind === 'case') return receivedCaseHref(item.origin, item.id)
  return item.caseId ? receivedCaseHref(item.origin, item.caseId) : null
}

/**
 * "From partners" on the duty desk (decision 035): what partner centres sent that this
 * organisation sees, newest first, of one status at a time (actual, exercise and test never
 * mix), each with its origin, TLP and time, and a button for the duty officer to acknowledge it.
 * A new item is announced; the list is read again every 30 seconds and when a receipt is sent.
 */
export function IncomingPanel({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const headingId = useId()
  const statusId = useId()
  const [status, setStatus] = useState<IncomingStatus>('actual')
  const load = useCallback((after?: string) => listIncoming(status, after), [status])
  const items = usePages(load, keyOf, status)
  const { refresh, update } = items
  const [news, setNews] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const known = useRef<Set<string> | null>(null)
  const mayAcknowledge = me.permissions.includes('cases.manage')

  useEffect(() => {
    const timer = setInterval(refresh, 30_000)
    return () => clearInterval(timer)
  }, [refresh])
  // the node sends a receipt for each batch it applies: something has arrived
  useLiveEvents((event) => {
    if (event.kind === 'incoming.received' || event.kind === 'receipt.recorded') refresh()
  })
  useEffect(() => {
    known.current = null
  }, [status])
  useEffect(() => {
    if (!items.data) return
    const keys = new Set(items.data.items.map(keyOf))
    const before = known.current
    known.current = keys
    if (!before) return
    const fresh = items.data.items.filter((i) => !before.has(keyOf(i)))
    if (fresh.length > 0)
      setNews(
        t('incoming.newItems', { origin: fresh[0]?.originName ?? fresh[0]?.origin, title: fresh[0]?.title }),
      )
  }, [items.data, t])

  const acknowledge = async (item: IncomingItem) => {
    setFailure(null)
    try {
      const done = await acknowledgeIncoming(item)
      update((shown) =>
        shown ? { ...shown, items: shown.items.map((i) => (keyOf(i) === keyOf(done) ? done : i)) } : shown,
      )
      setNews(t('incoming.acknowledgedNews', { title: item.title }))
    } catch (error) {
      setFailure(error)
    }
  }

  return (
    <section aria-labelledby={headingId} className="desk-incoming" data-testid="from-partners">
      <div className="section-head">
        <h2 id={headingId}>{t('incoming.title')}</h2>
        <label htmlFor={statusId} className="inline-label">
          {t('incoming.status')}{' '}
          <select id={statusId} value={status} onChange={(e) => setStatus(e.target.value as IncomingStatus)}>
            {(['actual', 'exercise', 'test'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`caseStatuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LiveStatus message={news} />
      {failure !== null && <ErrorAlert error={failure} />}
      {items.error !== null && <ErrorAlert error={items.error} />}
      {items.loading && !items.data && <p role="status">{t('app.loading')}</p>}
      {items.data && items.data.items.length === 0 && <p className="muted">{t('incoming.none')}</p>}
      {items.data && items.data.items.length > 0 && (
        <div className="table-scroll">
          <table className="table table-dense">
            <caption>{t('incoming.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incoming.origin')}</th>
                <th scope="col">{t('incoming.what')}</th>
                <th scope="col">{t('incoming.tlp')}</th>
                <th scope="col">{t('incoming.received')}</th>
                <th scope="col">{t('incoming.acknowledgement')}</th>
              </tr>
            </thead>
            <tbody>
              {items.data.items.map((item) => {
                const href = hrefOf(item)
                return (
                  <tr key={keyOf(item)}>
                    <td>
                      {item.originName ?? item.origin}{' '}
                      <span className="tag">{item.origin.toUpperCase()}</span>
                    </td>
                    <td>
                      <span className="muted">{t(`incoming.kinds.${item.kind}`)}</span>
                      {item.status !== 'actual' && (
                        <>
                          {' '}
                          <StatusBadge status={item.status} />
                        </>
                      )}
                      <br />
                      {href ? <a href={href}>{item.title}</a> : item.title}
                      {item.supersededBy && <span className="muted"> ({t('incoming.superseded')})</span>}
                    </td>
                    <td>
                      <span className={`tag tlp tlp-${item.tlp.toLowerCase().replace('+', '-')}`}>
                        TLP:{item.tlp}
                      </span>
                    </td>
                    <td>
                      <DateTime value={item.receivedAt} />
                    </td>
                    <td>
                      {item.acknowledgedAt ? (
                        <span>
                          {t('incoming.acknowledgedBy', { name: item.acknowledgedBy ?? '' })}{' '}
                          <DateTime value={item.acknowledgedAt} />
                        </span>
                      ) : mayAcknowledge ? (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => void acknowledge(item)}
                          aria-label={t('incoming.acknowledgeItem', { title: item.title })}
                        >
                          {t('incoming.acknowledge')}
                        </button>
                      ) : (
                        <span className="muted">{t('incoming.notAcknowledged')}</span>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <ShowMore
        next={items.data?.next ?? null}
        loading={items.loading}
        onMore={items.more}
        list={t('incoming.title')}
        testId="from-partners"
      />
    </section>
  )
}
