import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRecord, LogEntryRecord, TaskRecord } from '../api/casesApi.ts'
import { listCases, listLog, listOverdueTasks } from '../api/casesApi.ts'
import { readAllPages } from '../api/Page.ts'
import type { Me } from '../api/sessionApi.ts'
import { CaseTable } from '../cases/CaseTable.tsx'
import { disciplines } from '@liaison/core'
import { LogEntryForm } from '../cases/LogEntryForm.tsx'
import { mergeEntry } from '../cases/caseHelpers.ts'
import { LogList, withEntry } from '../cases/LogList.tsx'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { useOrganisations } from '../hooks/useOrganisations.ts'
import { useLiveEvents } from '../live/liveStream.ts'
import { caseHref, hrefOf } from '../router/useHashRoute.ts'
import { OpenCaseForm } from '../cases/OpenCaseForm.tsx'
import { brusselsDate } from '../handover/brusselsDates.ts'
import { IncomingPanel } from './IncomingPanel.tsx'
import { IncomingProposalsPanel } from '../alerts/IncomingProposalsPanel.tsx'
import { PartnersPanel } from './PartnersPanel.tsx'
import { WarningsBoard } from './WarningsBoard.tsx'

/** Whether a point in time falls on today's date in Brussels. */
function isToday(value: string): boolean {
  return brusselsDate(new Date(value)) === brusselsDate(new Date())
}

/**
 * The cases still going on (open or monitoring), latest start first: asked by state, so that an
 * open case is shown however many closed ones came after it.
 */
async function listLiveCases(): Promise<{ readonly items: readonly CaseRecord[] }> {
  const [open, monitoring] = await Promise.all([
    readAllPages((after) => listCases({ state: 'open', ...(after ? { after } : {}) })),
    readAllPages((after) => listCases({ state: 'monitoring', ...(after ? { after } : {}) })),
  ])
  const items = [...open, ...monitoring]
  return { items: items.sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt)) }
}

const idOf = (record: { readonly id: string }): string => record.id

function isLogEntry(value: unknown): value is LogEntryRecord {
  return typeof value === 'object' && value !== null && 'id' in value && 'text' in value && 'caseId' in value
}

/**
 * The signed-in home: today's daily log, open cases, overdue tasks, other authorities' warnings in
 * force, and a way to open a case.
 */
export function DutyDeskPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const logId = useId()
  const casesId = useId()
  const tasksId = useId()
  const may = (permission: Me['permissions'][number]): boolean => me.permissions.includes(permission)
  const { organisations, nameOf } = useOrganisations()
  const log = usePages((after) => listLog(null, {}, after), idOf)
  const cases = useLoad(listLiveCases)
  const overdue = usePages(listOverdueTasks, idOf)
  const [showEarlier, setShowEarlier] = useState(false)
  const [opening, setOpening] = useState(false)
  const [caseFrom, setCaseFrom] = useState<LogEntryRecord | null>(null)
  const [correcting, setCorrecting] = useState<LogEntryRecord | null>(null)
  const [announcement, setAnnouncement] = useState<string | null>(null)
  const [logNews, setLogNews] = useState<string | null>(null)
  const knownOverdue = useRef<Set<string> | null>(null)

  const reloadCases = useDebounced(cases.reload)
  const reloadOverdue = useDebounced(overdue.refresh)
  // entries appended here or arriving live, kept beside the loaded list (de-duplicated by id)
  const [arrived, setArrived] = useState<readonly LogEntryRecord[]>([])
  const addEntry = useCallback(
    (entry: LogEntryRecord) =>
      setArrived((list) =>
        list.some((e) => e.id === entry.id)
          ? list.map((e) => (e.id === entry.id ? mergeEntry(e, entry) : e))
          : [...list, entry],
      ),
    [],
  )

  // Announce each overdue task that was not overdue at the last look.
  useEffect(() => {
    if (!overdue.data) return
    const ids = new Set(overdue.data.items.map((task) => task.id))
    const before = knownOverdue.current
    knownOverdue.current = ids
    if (!before) return
    const fresh = overdue.data.items.filter((task: TaskRecord) => !before.has(task.id))
    if (fresh.length > 0)
      setAnnouncement(t('dutyDesk.newOverdue', { title: fresh.map((f) => f.title).join(', ') }))
  }, [overdue.data, t])

  // Tasks become overdue by the clock alone: look again every minute.
  useEffect(() => {
    const timer = setInterval(reloadOverdue, 60_000)
    return () => clearInterval(timer)
  }, [reloadOverdue])

  useLiveEvents((event) => {
    if (event.kind === 'log-entry.appended') {
      const entry = event.body.entry
      if (isLogEntry(entry) && entry.caseId === null && entry.orgId === me.organisation.id) {
        addEntry(entry)
        if (entry.authorId !== me.user.id) setLogNews(t('log.newEntryFrom', { author: entry.authorName }))
      }
    } else if (event.kind === 'case.opened' || event.kind === 'case.updated') {
      reloadCases()
    } else if (event.kind === 'task.created' || event.kind === 'task.updated') {
      reloadOverdue()
    }
  })

  const entries = arrived.reduce(withEntry, log.data?.items ?? [])
  const todays = entries.filter((e) => isToday(e.occurredAt) || isToday(e.recordedAt))
  const shown = showEarlier ? entries : todays
  const live = (cases.data?.items ?? []).filter((c) => c.state !== 'closed')
  const actual = live.filter((c) => c.status === 'actual')
  const practice = live.filter((c) => c.status !== 'actual')

  return (
    <>
      <h1>{t('dutyDesk.title')}</h1>
      <p className="lead">
        {t('home.title', { name: me.user.displayName })} · {me.organisation.name}{' '}
        <a href={hrefOf('node')}>{t('dutyDesk.aboutNode')}</a>
      </p>

      <div className="desk-grid">
        <section aria-labelledby={casesId} className="desk-cases">
          <div className="section-head">
            <h2 id={casesId}>{t('dutyDesk.openCases')}</h2>
            {may('cases.manage') && !opening && (
              <button type="button" className="button button-primary" onClick={() => setOpening(true)}>
                {t('cases.openButton')}
              </button>
            )}
          </div>
          {opening && (
            <OpenCaseForm
              key={caseFrom?.id ?? 'new'}
              organisations={organisations.filter((o) => o.id !== me.organisation.id)}
              from={caseFrom}
              onCancel={() => {
                setOpening(false)
                setCaseFrom(null)
              }}
              onOpened={(opened) => {
                window.location.hash = caseHref(opened.id)
              }}
            />
          )}
          {cases.error !== null && <ErrorAlert error={cases.error} />}
          {cases.loading && !cases.data && <p role="status">{t('app.loading')}</p>}
          {cases.data && live.length === 0 && <p className="muted">{t('cases.none')}</p>}
          {actual.length > 0 && (
            <CaseTable cases={actual} caption={t('dutyDesk.actualCaption')} testId="open-cases-actual" />
          )}
          {practice.length > 0 && (
            <CaseTable
              cases={practice}
              caption={t('dutyDesk.practiceCaption')}
              testId="open-cases-practice"
            />
          )}
        </section>

        <section aria-labelledby={tasksId} className="desk-tasks">
          <h2 id={tasksId}>{t('dutyDesk.overdueTasks')}</h2>
          <div
            role="alert"
            aria-live="assertive"
            className={announcement ? 'alert alert-warning' : 'status-empty'}
          >
            {announcement}
          </div>
          {overdue.error !== null && <ErrorAlert error={overdue.error} />}
          {overdue.data && overdue.data.items.length === 0 && (
            <p className="muted">{t('dutyDesk.noOverdue')}</p>
          )}
          {overdue.data && overdue.data.items.length > 0 && (
            <ul className="plain-list overdue-list" data-testid="overdue-tasks">
              {overdue.data.items.map((task) => (
                <li key={task.id} className="task-overdue">
                  <span className="tag tag-warning">{t('tasks.overdue')}</span>{' '}
                  <a href={caseHref(task.caseId)}>{task.title}</a>
                  <br />
                  <span className="muted">
                    {t('tasks.assignee')}: {nameOf(task.assigneeOrgId)}
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
          <ShowMore
            next={overdue.data?.next ?? null}
            loading={overdue.loading}
            onMore={overdue.more}
            list={t('dutyDesk.overdueTasks')}
            testId="overdue-tasks"
          />
        </section>
      </div>

      {may('read') && <IncomingPanel me={me} />}
      {may('read') && <IncomingProposalsPanel />}

      {may('read') && <PartnersPanel />}

      {may('read') && <WarningsBoard country={me.node.country} />}

      <section aria-labelledby={logId}>
        <h2 id={logId}>{t('dutyDesk.dailyLog')}</h2>
        <p className="muted">{t('dutyDesk.dailyLogIntro')}</p>
        {may('cases.write') && (
          <LogEntryForm
            caseId={null}
            disciplines={disciplines}
            correcting={correcting}
            onCancelCorrection={() => setCorrecting(null)}
            onAppended={addEntry}
          />
        )}
        <LiveStatus message={logNews} quiet />
        {log.error !== null && <ErrorAlert error={log.error} />}
        {log.data && (
          <LogList
            entries={shown}
            label={t('dutyDesk.dailyLog')}
            testId="daily-log"
            {...(may('cases.write') ? { attachOrgId: me.organisation.id } : {})}
            actions={{
              ...(may('cases.write') ? { onCorrect: setCorrecting } : {}),
              ...(may('cases.manage')
                ? {
                    onMakeCase: (entry: LogEntryRecord) => {
                      setCaseFrom(entry)
                      setOpening(true)
                    },
                  }
                : {}),
            }}
          />
        )}
        {log.data && entries.length > todays.length && (
          <button type="button" className="button button-small" onClick={() => setShowEarlier((s) => !s)}>
            {showEarlier
              ? t('dutyDesk.todayOnly')
              : t('dutyDesk.showEarlier', { number: entries.length - todays.length })}
          </button>
        )}
        {/* the pages before the first: only once earlier entries are shown, or while today's go on */}
        {(showEarlier || todays.length === entries.length) && (
          <ShowMore
            next={log.data?.next ?? null}
            loading={log.loading}
            onMore={log.more}
            list={t('dutyDesk.dailyLog')}
            testId="daily-log"
          />
        )}
      </section>
    </>
  )
}
