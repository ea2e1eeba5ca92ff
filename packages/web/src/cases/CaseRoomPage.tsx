import type { CaseState, Discipline } from '@liaison/core'
import type { FormEvent } from 'react'
import { Suspense, lazy, useCallback, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRecord, LogEntryRecord } from '../api/casesApi.ts'
import type { Page } from '../api/Page.ts'
import { fetchCase, listDecisions, listLog, listSitreps, listTasks, updateCase } from '../api/casesApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { withLiveItem } from '../lists/pageMerging.ts'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { useOrganisations } from '../hooks/useOrganisations.ts'
import { caseIdOf, useLiveEvents } from '../live/liveStream.ts'
import { hrefOf } from '../router/useHashRoute.ts'
import { mergeEntry, pointLabel, scalingLevelLabel } from './caseHelpers.ts'
import { disciplines, doctrines } from '@liaison/core'
import { CaseEditForm } from './CaseEditForm.tsx'
import { DecisionsPanel } from './DecisionsPanel.tsx'
import { LogEntryForm } from './LogEntryForm.tsx'
import { LogList, entryFirst } from './LogList.tsx'
import { SitrepsPanel } from './SitrepsPanel.tsx'
import { StateTag, StatusBadge } from './StatusBadge.tsx'
import { ParticipantsEditor } from './ParticipantsEditor.tsx'
import { TasksPanel } from './TasksPanel.tsx'
import { CasePlansPanel } from '../plans/CasePlansPanel.tsx'
import { ReceiptsPanel } from './ReceiptsPanel.tsx'

// MapLibre is large: it loads with the case map, not with the case room.
const CaseMapPanel = lazy(async () => ({ default: (await import('../map/CaseMapPanel.tsx')).CaseMapPanel }))

const idOf = (record: { readonly id: string }): string => record.id

/** A log entry put into the pages shown: in its place, newest first, or left for its page. */
function withEntryInPages(
  shown: Page<LogEntryRecord> | null,
  entry: LogEntryRecord,
): Page<LogEntryRecord> | null {
  if (!shown) return shown
  const marked = {
    ...shown,
    items: shown.items.map((e) => (entry.supersedes === e.id ? { ...e, supersededBy: entry.id } : e)),
  }
  const existing = shown.items.find((e) => e.id === entry.id)
  return withLiveItem(marked, existing ? mergeEntry(existing, entry) : entry, idOf, entryFirst)
}

function isLogEntry(value: unknown): value is LogEntryRecord {
  return typeof value === 'object' && value !== null && 'id' in value && 'text' in value && 'caseId' in value
}

/** The case's disciplines first, then the others: every discipline may write in a case. */
function disciplinesFor(c: CaseRecord | null): Discipline[] {
  const own = c?.disciplines ?? []
  return [...own, ...disciplines.filter((d) => !own.includes(d))]
}

const stateActions: readonly { readonly to: CaseState; readonly key: 'close' | 'reopen' | 'monitor' }[] = [
  { to: 'monitoring', key: 'monitor' },
  { to: 'closed', key: 'close' },
  { to: 'open', key: 'reopen' },
]

/** One case: its facts, its main log, tasks, decisions and situation reports, live. */
export function CaseRoomPage({ me, caseId }: { readonly me: Me; readonly caseId: string }) {
  const { t } = useTranslation()
  const logHeadingId = useId()
  const may = (permission: Me['permissions'][number]): boolean => me.permissions.includes(permission)
  const { organisations, nameOf } = useOrganisations()
  const theCase = useLoad(() => fetchCase(caseId))
  const [filter, setFilter] = useState<{ discipline: Discipline | ''; q: string }>({ discipline: '', q: '' })
  const [disciplineChoice, setDisciplineChoice] = useState<Discipline | ''>('')
  const [search, setSearch] = useState('')
  const log = usePages(
    (after) => listLog(caseId, filter, after),
    idOf,
    `${caseId}|${filter.discipline}|${filter.q}`,
  )
  const tasks = usePages((after) => listTasks(caseId, after), idOf, caseId)
  const decisions = usePages((after) => listDecisions(caseId, after), idOf, caseId)
  const sitreps = usePages((after) => listSitreps(caseId, after), idOf, caseId)
  const [correcting, setCorrecting] = useState<LogEntryRecord | null>(null)
  const [taskFrom, setTaskFrom] = useState<LogEntryRecord | null>(null)
  const [decisionFrom, setDecisionFrom] = useState<LogEntryRecord | null>(null)
  const [news, setNews] = useState<string | null>(null)
  const [stateError, setStateError] = useState<unknown>(null)
  const [stateStatus, setStateStatus] = useState<string | null>(null)
  const [editing, setEditing] = useState(false)
  const [editingParticipants, setEditingParticipants] = useState(false)

  const filtered = filter.discipline !== '' || filter.q.trim() !== ''

  // an entry written here or arriving live goes to its place, once (the corrected one marked)
  const updateLog = log.update
  const addEntry = useCallback(
    (entry: LogEntryRecord) => updateLog((shown) => withEntryInPages(shown, entry)),
    [updateLog],
  )

  const reloadCase = useDebounced(theCase.reload)
  const reloadTasks = useDebounced(tasks.refresh)
  const reloadDecisions = useDebounced(decisions.refresh)
  const reloadSitreps = useDebounced(sitreps.refresh)
  const reloadLog = useDebounced(log.refresh)

  useLiveEvents((event) => {
    if (caseIdOf(event) !== caseId) return
    switch (event.kind) {
      case 'log-entry.appended': {
        const entry = event.body.entry
        if (!isLogEntry(entry)) return
        if (filtered) reloadLog()
        else addEntry(entry)
        if (entry.authorId !== me.user.id) setNews(t('log.newEntryFrom', { author: entry.authorName }))
        return
      }
      case 'case.opened':
      case 'case.updated':
        return reloadCase()
      case 'task.created':
      case 'task.updated':
        return reloadTasks()
      case 'decision.recorded':
        return reloadDecisions()
      case 'sitrep.drafted':
      case 'sitrep.revised':
      case 'sitrep.approved':
        return reloadSitreps() // and an open "Earlier versions" follows the new version
      case 'handover.prepared':
      case 'handover.signed-off':
      case 'map-feature.saved':
      case 'map-feature.removed':
      case 'plan.saved':
      case 'receipt.recorded':
      case 'incoming.received':
        return // the map, handover and plans panels follow these themselves; receipts are another node's
    }
  })

  const setState = async (to: CaseState): Promise<void> => {
    setStateError(null)
    try {
      const updated = await updateCase(caseId, { state: to })
      theCase.set(updated)
      setStateStatus(t('caseRoom.stateChanged', { state: t(`caseStates.${to}`) }))
    } catch (caught) {
      setStateError(caught)
    }
  }

  const applyFilter = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    setFilter({ discipline: disciplineChoice, q: search })
  }

  const c = theCase.data
  const participantIds = c ? [c.ownerOrgId, ...c.participants] : []
  const assignees = organisations.filter((o) => participantIds.includes(o.id))
  const canLog = may('cases.write') && c !== null && c.state !== 'closed'
  const owns = c !== null && c.ownerOrgId === me.organisation.id
  const isOpen = c !== null && c.state !== 'closed'
  const mayEdit = may('cases.manage') && owns
  const mayDecide = may('cases.manage') && owns && isOpen

  return (
    <>
      <p className="breadcrumb">
        <a href={hrefOf('home')}>{t('nav.home')}</a> › <a href={hrefOf('cases')}>{t('nav.cases')}</a>
      </p>
      <h1>
        {c ? (
          <>
            {c.status !== 'actual' && (
              <>
                <StatusBadge status={c.status} />{' '}
              </>
            )}
            {c.title}
          </>
        ) : (
          t('caseRoom.title')
        )}
      </h1>
      {c?.fromLogEntry && (
        <p className="notice" data-testid="case-from-log">
          {t('promote.openedFrom')}
        </p>
      )}
      {theCase.error !== null && <ErrorAlert error={theCase.error} />}
      {theCase.loading && !c && <p role="status">{t('app.loading')}</p>}
      {c && (
        <>
          <section className="card case-header" aria-label={t('caseRoom.factsLabel')}>
            <dl className="facts facts-wide">
              <dt>{t('cases.status')}</dt>
              <dd>
                <StatusBadge status={c.status} />
              </dd>
              <dt>{t('cases.kind')}</dt>
              <dd>
                {t(`caseKinds.${c.kind}`)} · <code>{c.type}</code>
              </dd>
              <dt>{t('cases.state')}</dt>
              <dd>
                <StateTag state={c.state} />
              </dd>
              <dt>{t('cases.severity')}</dt>
              <dd>{t(`severities.${c.severity}`)}</dd>
              <dt>{t('cases.scaling')}</dt>
              <dd data-testid="case-scaling">
                {c.scaling ? (
                  <>
                    <strong>
                      {t(`doctrines.${c.scaling.doctrine}`)}: {scalingLevelLabel(t, c.scaling)}
                    </strong>
                    {c.scaling.doctrine === 'BE' && c.scaling.planLevel && (
                      <span data-testid="case-plan-level">
                        {' · '}
                        {t('cases.planLevel')}: <strong>{t(`planLevels.${c.scaling.planLevel}`)}</strong>
                      </span>
                    )}
                    {c.scalingCrosswalk && (
                      <span className="crosswalk">
                        {' '}
                        ({t('caseRoom.crosswalk')}{' '}
                        {doctrines
                          .filter((d) => d !== c.scaling?.doctrine)
                          .map((d) => `${d} ${c.scalingCrosswalk?.[d] ?? '—'}`)
                          .join(' · ')}
                        )
                      </span>
                    )}
                  </>
                ) : (
                  t('cases.noScaling')
                )}
              </dd>
              <dt>{t('cases.startsAt')}</dt>
              <dd>
                <DateTime value={c.startsAt} />
              </dd>
              {c.endsAt && (
                <>
                  <dt>{t('cases.endsAt')}</dt>
                  <dd data-testid="case-ends-at">
                    <DateTime value={c.endsAt} />
                  </dd>
                </>
              )}
              {c.location && (
                <>
                  <dt>{t('cases.location')}</dt>
                  <dd data-testid="case-location">{pointLabel(c.location)}</dd>
                </>
              )}
              <dt>{t('cases.owner')}</dt>
              <dd>{nameOf(c.ownerOrgId)}</dd>
              <dt>{t('cases.participants')}</dt>
              <dd>{c.participants.length > 0 ? c.participants.map(nameOf).join(', ') : '—'}</dd>
              <dt>{t('cases.disciplines')}</dt>
              <dd>
                {c.disciplines.length > 0 ? c.disciplines.map((d) => t(`disciplines.${d}`)).join(', ') : '—'}
              </dd>
              {c.description && (
                <>
                  <dt>{t('cases.description')}</dt>
                  <dd className="pre-wrap">{c.description}</dd>
                </>
              )}
            </dl>
            {editing && (
              <CaseEditForm
                theCase={c}
                onCancel={() => setEditing(false)}
                onSaved={(saved) => {
                  theCase.set(saved)
                  setEditing(false)
                  setStateStatus(t('caseEdit.saved'))
                }}
              />
            )}
            {editingParticipants && mayEdit && (
              <ParticipantsEditor
                theCase={c}
                organisations={organisations}
                onCancel={() => setEditingParticipants(false)}
                onSaved={(saved) => {
                  theCase.set(saved)
                  setEditingParticipants(false)
                  setStateStatus(t('caseRoom.participantsSaved'))
                }}
              />
            )}
            {mayEdit && (
              <div className="button-row">
                {!editingParticipants && (
                  <button type="button" className="button" onClick={() => setEditingParticipants(true)}>
                    {t('caseRoom.editParticipants')}
                  </button>
                )}
                {mayEdit && !editing && (
                  <button type="button" className="button" onClick={() => setEditing(true)}>
                    {t('caseEdit.edit')}
                  </button>
                )}
                {stateActions
                  .filter((a) => a.to !== c.state)
                  .map((a) => (
                    <button
                      key={a.to}
                      type="button"
                      className={a.to === 'closed' ? 'button button-danger' : 'button'}
                      onClick={() => void setState(a.to)}
                    >
                      {t(`caseRoom.${a.key}`)}
                    </button>
                  ))}
              </div>
            )}
            <LiveStatus message={stateStatus} />
            {stateError !== null && <ErrorAlert error={stateError} />}
          </section>

          <div className="case-grid">
            <section aria-labelledby={logHeadingId} className="case-log">
              <h2 id={logHeadingId}>{t('caseRoom.log')}</h2>
              {canLog && (
                <LogEntryForm
                  caseId={caseId}
                  disciplines={disciplinesFor(c)}
                  status={c.status}
                  correcting={correcting}
                  onCancelCorrection={() => setCorrecting(null)}
                  onAppended={addEntry}
                />
              )}
              {c.state === 'closed' && <p className="notice">{t('caseRoom.closedNotice')}</p>}
              <form
                className="log-filter"
                role="search"
                aria-label={t('log.filterLabel')}
                onSubmit={applyFilter}
              >
                <SelectField
                  label={t('log.filterDiscipline')}
                  value={disciplineChoice}
                  options={[
                    { value: '', label: t('log.allDisciplines') },
                    ...disciplines.map((d) => ({ value: d, label: t(`disciplines.${d}`) })),
                  ]}
                  onChange={(value) => setDisciplineChoice(disciplines.find((d) => d === value) ?? '')}
                />
                <TextField
                  label={t('log.search')}
                  type="search"
                  value={search}
                  onChange={setSearch}
                  maxLength={200}
                />
                <div className="button-row">
                  <button type="submit" className="button">
                    {t('log.applyFilter')}
                  </button>
                  {filtered && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setDisciplineChoice('')
                        setSearch('')
                        setFilter({ discipline: '', q: '' })
                      }}
                    >
                      {t('log.clearFilter')}
                    </button>
                  )}
                </div>
              </form>
              <LiveStatus message={news} quiet />
              {log.error !== null && <ErrorAlert error={log.error} />}
              {filtered && (
                <p className="muted">{t('log.filtered', { number: log.data?.items.length ?? 0 })}</p>
              )}
              <LogList
                entries={log.data?.items ?? []}
                label={t('caseRoom.log')}
                testId="case-log"
                {...(may('cases.write') ? { attachOrgId: me.organisation.id } : {})}
                actions={{
                  ...(canLog ? { onCorrect: setCorrecting } : {}),
                  ...(may('cases.write') && isOpen ? { onMakeTask: setTaskFrom } : {}),
                  ...(mayDecide ? { onMakeDecision: setDecisionFrom } : {}),
                }}
              />
              <ShowMore
                next={log.data?.next ?? null}
                loading={log.loading}
                onMore={log.more}
                list={t('caseRoom.log')}
                testId="case-log"
              />
            </section>

            <div className="case-side">
              <TasksPanel
                caseId={caseId}
                tasks={tasks.data?.items ?? []}
                more={
                  <ShowMore
                    next={tasks.data?.next ?? null}
                    loading={tasks.loading}
                    onMore={tasks.more}
                    list={t('tasks.title')}
                    testId="tasks"
                  />
                }
                mayWrite={may('cases.write') && isOpen}
                mayMove={(task) => owns || task.assigneeOrgId === me.organisation.id}
                assignees={assignees}
                nameOf={nameOf}
                ownOrgCode={me.organisation.code}
                from={taskFrom}
                onFromDone={() => setTaskFrom(null)}
                onChanged={tasks.refresh}
              />
              <DecisionsPanel
                caseId={caseId}
                decisions={decisions.data?.items ?? []}
                more={
                  <ShowMore
                    next={decisions.data?.next ?? null}
                    loading={decisions.loading}
                    onMore={decisions.more}
                    list={t('decisions.title')}
                    testId="decisions"
                  />
                }
                mayRecord={mayDecide}
                defaultDecidedBy={me.user.displayName}
                from={decisionFrom}
                onFromDone={() => setDecisionFrom(null)}
                onChanged={decisions.refresh}
              />
              <SitrepsPanel
                caseId={caseId}
                sitreps={sitreps.data?.items ?? []}
                more={
                  <ShowMore
                    next={sitreps.data?.next ?? null}
                    loading={sitreps.loading}
                    onMore={sitreps.more}
                    list={t('sitreps.title')}
                    testId="sitreps"
                  />
                }
                mayDraft={mayDecide}
                mayApprove={may('sitreps.approve') && owns && isOpen}
                onChanged={sitreps.refresh}
              />
              <CasePlansPanel caseId={caseId} mayActivate={mayDecide} />
              <ReceiptsPanel caseId={caseId} />
            </div>
          </div>
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <CaseMapPanel caseId={caseId} me={me} mayDraw={may('cases.write') && c.state !== 'closed'} />
          </Suspense>
        </>
      )}
    </>
  )
}
