import { useCallback, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncomingItem } from '../api/incomingApi.ts'
import { acknowledgeIncoming, fetchReceivedCase, listReceivedCaseItems } from '../api/incomingApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { hrefOf } from '../router/useHashRoute.ts'
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
 * what they correct) and its tasks. Only the origin edits it; a duty officer acknowledges it.
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
  const logId = useId()
  const tasksId = useId()
  const loadCase = useCallback(() => fetchReceivedCase(origin, caseId), [origin, caseId])
  const shared = useLoad(loadCase)
  const log = usePages((after) => listReceivedCaseItems(origin, caseId, 'log-entry', after), keyOf)
  const tasks = usePages((after) => listReceivedCaseItems(origin, caseId, 'task', after), keyOf)
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

      <section aria-labelledby={logId}>
        <h2 id={logId}>{t('incoming.log')}</h2>
        {log.error !== null && <ErrorAlert error={log.error} />}
        {log.data && log.data.items.length === 0 && <p className="muted">{t('incoming.noEntries')}</p>}
        {log.data && log.data.items.length > 0 && (
          <ol className="plain-list" data-testid="received-log">
            {log.data.items.map((e) => {
              const occurred = textOf(e.item, 'occurredAt')
              return (
                <li key={e.id} className={e.supersededBy ? 'muted' : undefined}>
                  {occurred && <DateTime value={occurred} />} {textOf(e.item, 'authorName') ?? ''}:{' '}
                  {textOf(e.item, 'text') ?? e.title}
                  {e.supersededBy && <> ({t('incoming.superseded')})</>}
                </li>
              )
            })}
          </ol>
        )}
        <ShowMore
          next={log.data?.next ?? null}
          loading={log.loading}
          onMore={log.more}
          list={t('incoming.log')}
          testId="received-log"
        />
      </section>

      <section aria-labelledby={tasksId}>
        <h2 id={tasksId}>{t('incoming.tasks')}</h2>
        {tasks.error !== null && <ErrorAlert error={tasks.error} />}
        {tasks.data && tasks.data.items.length === 0 && <p className="muted">{t('incoming.noTasks')}</p>}
        {tasks.data && tasks.data.items.length > 0 && (
          <ul className="plain-list" data-testid="received-tasks">
            {tasks.data.items.map((task) => {
              const taskState = textOf(task.item, 'state')
              return (
                <li key={task.id}>
                  {task.title}
                  {taskState && <> · {t(`taskStates.${taskState}`, { defaultValue: taskState })}</>}
                </li>
              )
            })}
          </ul>
        )}
        <ShowMore
          next={tasks.data?.next ?? null}
          loading={tasks.loading}
          onMore={tasks.more}
          list={t('incoming.tasks')}
          testId="received-tasks"
        />
      </section>
    </>
  )
}
