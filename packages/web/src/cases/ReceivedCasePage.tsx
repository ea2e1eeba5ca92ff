import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncomingItem } from '../api/incomingApi.ts'
import { acknowledgeIncoming, fetchReceivedCase, listReceivedCaseItems } from '../api/incomingApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { usePages } from '../lists/usePages.ts'
import { hrefOf } from '../router/useHashRoute.ts'
import { ReceivedItemsSection } from './ReceivedItemsSection.tsx'
import { StatusBadge } from './StatusBadge.tsx'

const keyOf = (item: IncomingItem): string => item.id
/** A field of the item as its origin wrote it, if it is text. */
const textOf = (item: unknown, field: string): string | null => {
  const value = (item as Record<string, unknown> | null)?.[field]
  return typeof value === 'string' && value !== '' ? value : null
}

/**
 * A case a partner centre shared, read-only, in the case room's shape (decision 035): its origin
 * said first, its status and TLP, what the origin wrote about it, its log (corrections beside
 * what they correct), its tasks, decisions and approved situation reports. Only the origin edits it; a duty officer acknowledges it.
 */
export function ReceivedCasePage({
  me,
  origin,
  caseId,
}: {
  readonly me: Me
  readonly origin: string
  readonly caseId: string
}) {
  const { t } = useTranslation()
  const loadCase = useCallback(() => fetchReceivedCase(origin, caseId), [origin, caseId])
  const shared = useLoad(loadCase)
  const log = usePages((after) => listReceivedCaseItems(origin, caseId, 'log-entry', after), keyOf)
  const tasks = usePages((after) => listReceivedCaseItems(origin, caseId, 'task', after), keyOf)
  const decisions = usePages((after) => listReceivedCaseItems(origin, caseId, 'decision', after), keyOf)
  // newest first would suit a reader; the origin's order (oldest first) keeps the numbers in step
  const sitreps = usePages((after) => listReceivedCaseItems(origin, caseId, 'sitrep', after), keyOf)
  const [news, setNews] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const c = shared.data

  const acknowledge = async () => {
    if (!c) return
    setFailure(null)
    try {
      await acknowledgeIncoming(c)
      shared.reload()
      setNews(t('incoming.acknowledgedNews', { title: c.title }))
    } catch (error) {
      setFailure(error)
    }
  }

  if (shared.error !== null) return <ErrorAlert error={shared.error} />
  if (!c) return <p role="status">{t('app.loading')}</p>
  const state = textOf(c.item, 'state')
  const description = textOf(c.item, 'description')
  const severity = textOf(c.item, 'severity')
  return (
    <>
      <p>
        <a href={hrefOf('home')}>{t('nav.home')}</a>
      </p>
      <p className="received-origin" data-testid="received-origin">
        {t('incoming.sharedBy', { origin: c.originName ?? c.origin, node: c.origin.toUpperCase() })}{' '}
        {t('incoming.readOnly')}
      </p>
      <h1>
        {c.title} {c.status !== 'actual' && <StatusBadge status={c.status} />}
      </h1>
      <dl className="facts">
        <dt>{t('incoming.tlp')}</dt>
        <dd>
          <span className="tag">TLP:{c.tlp}</span>
        </dd>
        {state && (
          <>
            <dt>{t('incoming.state')}</dt>
            <dd>{t(`caseStates.${state}`, { defaultValue: state })}</dd>
          </>
        )}
        {severity && (
          <>
            <dt>{t('incoming.severity')}</dt>
            <dd>{t(`severities.${severity}`, { defaultValue: severity })}</dd>
          </>
        )}
        <dt>{t('incoming.received')}</dt>
        <dd>
          <DateTime value={c.receivedAt} />
        </dd>
        <dt>{t('incoming.changed')}</dt>
        <dd>
          <DateTime value={c.changedAt} />
        </dd>
        <dt>{t('incoming.acknowledgement')}</dt>
        <dd>
          {c.acknowledgedAt ? (
            <>
              {t('incoming.acknowledgedBy', { name: c.acknowledgedBy ?? '' })}{' '}
              <DateTime value={c.acknowledgedAt} />
            </>
          ) : me.permissions.includes('cases.manage') ? (
            <button type="button" className="button button-small" onClick={() => void acknowledge()}>
              {t('incoming.acknowledge')}
            </button>
          ) : (
            t('incoming.notAcknowledged')
          )}
        </dd>
      </dl>
      {description && <p>{description}</p>}
      <LiveStatus message={news} />
      {failure !== null && <ErrorAlert error={failure} />}

      <ReceivedItemsSection
        title={t('incoming.log')}
        empty={t('incoming.noEntries')}
        testId="received-log"
        pages={log}
        ordered
        render={(e) => {
          const occurred = textOf(e.item, 'occurredAt')
          return (
            <li key={e.id} className={e.supersededBy ? 'muted' : undefined}>
              {occurred && <DateTime value={occurred} />} {textOf(e.item, 'authorName') ?? ''}:{' '}
              {textOf(e.item, 'text') ?? e.title}
              {e.supersededBy && <> ({t('incoming.superseded')})</>}
            </li>
          )
        }}
      />

      <ReceivedItemsSection
        title={t('incoming.tasks')}
        empty={t('incoming.noTasks')}
        testId="received-tasks"
        pages={tasks}
        render={(task) => {
          const taskState = textOf(task.item, 'state')
          return (
            <li key={task.id}>
              {task.title}
              {taskState && <> · {t(`taskStates.${taskState}`, { defaultValue: taskState })}</>}
            </li>
          )
        }}
      />

      <ReceivedItemsSection
        title={t('incoming.decisions')}
        empty={t('incoming.noDecisions')}
        testId="received-decisions"
        pages={decisions}
        ordered
        render={(d) => {
          const decided = textOf(d.item, 'decidedAt')
          const rationale = textOf(d.item, 'rationale')
          return (
            <li key={d.id}>
              {decided && <DateTime value={decided} />} <strong>{textOf(d.item, 'text') ?? d.title}</strong>
              {rationale && (
                <>
                  {' '}
                  · {t('incoming.rationale')}: {rationale}
                </>
              )}
            </li>
          )
        }}
      />

      <ReceivedItemsSection
        title={t('incoming.sitreps')}
        empty={t('incoming.noSitreps')}
        testId="received-sitreps"
        pages={sitreps}
        ordered
        render={(r) => {
          const from = textOf(r.item, 'periodFrom')
          const to = textOf(r.item, 'periodTo')
          const number = (r.item as Record<string, unknown> | null)?.['number']
          return (
            <li key={r.id}>
              <strong>
                {t('incoming.sitrepTitle', { number: typeof number === 'number' ? number : '' })}
              </strong>
              {from && to && (
                <>
                  {' '}
                  · <DateTime value={from} /> – <DateTime value={to} />
                </>
              )}
              <dl className="facts">
                {(['conditions', 'actions', 'needs'] as const).map((field) => {
                  const value = textOf(r.item, field)
                  return value ? (
                    <div key={field}>
                      <dt>{t(`incoming.${field}`)}</dt>
                      <dd>{value}</dd>
                    </div>
                  ) : null
                })}
              </dl>
            </li>
          )
        }}
      />
    </>
  )
}
