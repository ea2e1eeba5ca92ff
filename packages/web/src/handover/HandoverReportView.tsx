import { useTranslation } from 'react-i18next'
import type { HandoverReport } from '../api/dutyApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { StatusBadge } from '../cases/StatusBadge.tsx'
import { caseHref, hrefOf } from '../router/useHashRoute.ts'

/** What a handover tells the incoming officer, section by section. */
const notificationKey = {
  'task-assigned': 'taskAssigned',
  'case-joined': 'caseJoined',
  'sitrep-approved': 'sitrepApproved',
  'case-closed': 'caseClosed',
  'incoming-item': 'incomingItem',
} as const

export function HandoverReportView({
  report,
  headingLevel = 3,
  nameOf = () => null,
}: {
  readonly report: HandoverReport
  readonly headingLevel?: 3 | 4
  /** The name of a person of the organisation, if known. */
  readonly nameOf?: (userId: string) => string | null
}) {
  const { t } = useTranslation()
  const H = headingLevel === 3 ? 'h3' : 'h4'
  const shift = report.shift ?? null
  const officer = shift ? nameOf(shift.userId) : null
  return (
    <div className="handover-report" data-testid="handover-report">
      {shift && (
        <p data-testid="handover-shift">
          <strong>{t('handover.shift')}</strong> <DateTime value={shift.start} /> –{' '}
          <DateTime value={shift.end} />
          {officer && ` (${officer})`}
        </p>
      )}
      <H>{t('handover.openCases', { number: report.openCases.length })}</H>
      {report.openCases.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <ul className="plain-list">
          {report.openCases.map((c) => (
            <li key={c.id}>
              {c.status !== 'actual' && (
                <>
                  <StatusBadge status={c.status} />{' '}
                </>
              )}
              <a href={caseHref(c.id)}>{c.title}</a>{' '}
              <span className="muted">
                · {t(`caseStates.${c.state}`)} · {t(`severities.${c.severity}`)}
              </span>
            </li>
          ))}
        </ul>
      )}

      <H>{t('handover.newEntries', { number: report.newEntries.count })}</H>
      {report.newEntries.latest.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <>
          {report.newEntries.count > report.newEntries.latest.length && (
            <p className="muted">{t('handover.latestShown', { number: report.newEntries.latest.length })}</p>
          )}
          <ul className="plain-list">
            {report.newEntries.latest.map((e) => (
              <li key={e.id}>
                <DateTime value={e.occurredAt} /> ·{' '}
                {e.caseId ? <a href={caseHref(e.caseId)}>{e.text}</a> : <span>{e.text}</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      <H>{t('handover.pendingTasks', { number: report.pendingTasks.length })}</H>
      {report.pendingTasks.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <ul className="plain-list">
          {report.pendingTasks.map((task) => (
            <li key={task.id} className={task.overdue ? 'task-overdue' : undefined}>
              {task.overdue && (
                <>
                  <span className="tag tag-warning">{t('tasks.overdue')}</span>{' '}
                </>
              )}
              <a href={caseHref(task.caseId)}>{task.title}</a>{' '}
              <span className="muted">
                · {t(`taskStates.${task.state}`)}
                {task.dueAt && (
                  <>
                    {' · '}
                    {t('tasks.due')} <DateTime value={task.dueAt} />
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}

      <H>{t('handover.upcomingEvents', { number: report.upcomingEvents.length })}</H>
      {report.upcomingEvents.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <ul className="plain-list">
          {report.upcomingEvents.map((event) => (
            <li key={event.id}>
              <DateTime value={event.startsAt} /> ·{' '}
              {event.status !== 'actual' && (
                <>
                  <StatusBadge status={event.status} />{' '}
                </>
              )}
              <a href={caseHref(event.id)}>{event.title}</a>
            </li>
          ))}
        </ul>
      )}

      <H>{t('handover.decisions', { number: report.decisions.length })}</H>
      {report.decisions.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <ul className="plain-list">
          {report.decisions.map((d) => (
            <li key={d.id}>
              <DateTime value={d.decidedAt} /> · <a href={caseHref(d.caseId)}>{d.text}</a>
            </li>
          ))}
        </ul>
      )}

      <H>{t('handover.unreadItems', { number: report.unreadItems?.length ?? 0 })}</H>
      {(report.unreadItems ?? []).length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <ul className="plain-list">
          {(report.unreadItems ?? []).map((n) => (
            <li key={n.seq}>
              <DateTime value={n.at} /> · {t(`notifications.${notificationKey[n.kind]}`)} ·{' '}
              <a href={n.kind === 'incoming-item' ? hrefOf('home') : caseHref(n.caseId)}>{n.title}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
