import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AlertDetail, AlertRecord, CapMessage } from '../api/alertsApi.ts'
import { fetchAlert, listAlerts } from '../api/alertsApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { alertHref } from '../router/useHashRoute.ts'
import { AlertStatusBanner } from './AlertStatusBanner.tsx'
import { ApprovalPanel } from './ApprovalPanel.tsx'
import { LanguageOverrideNotice } from './LanguageOverrideNotice.tsx'
import { headlineOf } from './alertText.ts'

const idOf = (a: AlertRecord): string => a.id

/** One submitted alert in the queue: its detail, and what it replaces for the diff. */
function QueuedAlert({ record, onDone }: { readonly record: AlertRecord; readonly onDone: () => void }) {
  const { t } = useTranslation()
  const [detail, setDetail] = useState<AlertDetail | null>(null)
  const [replaced, setReplaced] = useState<CapMessage | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let current = true
    void (async () => {
      try {
        const d = await fetchAlert(record.id)
        const r = d.alert.replacesId ? (await fetchAlert(d.alert.replacesId)).alert.cap : null
        if (!current) return
        setDetail(d)
        setReplaced(r)
      } catch (caught) {
        if (current) setError(caught)
      }
    })()
    return () => {
      current = false
    }
  }, [record.id, record.version])
  return (
    <article className="queued-alert" data-testid="queued-alert" aria-labelledby={`queued-${record.id}`}>
      <AlertStatusBanner status={record.cap.status} />
      <h2 id={`queued-${record.id}`}>
        <a href={alertHref(record.id)}>{headlineOf(record.cap) || t('alerts.noHeadline')}</a>
      </h2>
      {error !== null && <ErrorAlert error={error} />}
      <LanguageOverrideNotice override={record.languageOverride} />
      {detail ? (
        <ApprovalPanel detail={detail} replaced={replaced} onDone={onDone} />
      ) : (
        error === null && <p role="status">{t('app.loading')}</p>
      )}
    </article>
  )
}

/** The approver's queue: the submitted alerts, each with what is to be approved and the steps. */
export function AlertQueuePage() {
  const { t } = useTranslation()
  const queue = usePages((after) => listAlerts('submitted', after), idOf)
  const shown = queue.data?.items ?? []
  const [done, setDone] = useState<string | null>(null)
  return (
    <>
      <h1>{t('nav.alertQueue')}</h1>
      <p>{t('alerts.queueIntro')}</p>
      {done && (
        <p className="status-message" role="status">
          {done}
        </p>
      )}
      {queue.error !== null && <ErrorAlert error={queue.error} />}
      {queue.loading && !queue.data && <p role="status">{t('app.loading')}</p>}
      {queue.data && shown.length === 0 && <p className="muted">{t('alerts.queueEmpty')}</p>}
      {shown.map((a) => (
        <QueuedAlert
          key={a.id}
          record={a}
          onDone={() => {
            setDone(t('alerts.queueDone', { headline: headlineOf(a.cap) }))
            queue.update((page) => page && { ...page, items: page.items.filter((x) => x.id !== a.id) })
          }}
        />
      ))}
      <ShowMore
        next={queue.data?.next ?? null}
        loading={queue.loading}
        onMore={queue.more}
        list={t('nav.alertQueue')}
        testId="queue-show-more"
      />
    </>
  )
}
