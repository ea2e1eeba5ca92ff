import type { Casualties } from '@liaison/core'
import type { FormEvent, ReactNode } from 'react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SitrepRecord } from '../api/casesApi.ts'
import { approveSitrep, draftSitrep, editSitrep, sitrepPrintHref } from '../api/casesApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { fromBrusselsLocal, toBrusselsLocal } from '../i18n/brusselsTime.ts'
import { casualtyKinds } from '@liaison/core'
import { SitrepFacts } from './SitrepFacts.tsx'
import { SitrepVersions } from './SitrepVersions.tsx'
import { SubmitCancelRow } from '../components/SubmitCancelRow.tsx'

/**
 * The edit of a draft. It edits the version it was opened on: if someone else saves the report
 * meanwhile (it arrives live as `current`), what is being typed stays, the editor says so, and the
 * node refuses the save as stale rather than overwrite the other edit.
 */
function SitrepEditor({
  current,
  onSaved,
  onCancel,
}: {
  readonly current: SitrepRecord
  readonly onSaved: (saved: SitrepRecord) => void
  readonly onCancel: () => void
}) {
  const { t } = useTranslation()
  const [sitrep] = useState(current)
  const stale = current.version !== sitrep.version
  const [conditions, setConditions] = useState(sitrep.conditions)
  const [actions, setActions] = useState(sitrep.actions)
  const [needs, setNeeds] = useState(sitrep.needs)
  const [resources, setResources] = useState(sitrep.resources)
  const [casualties, setCasualties] = useState<Record<keyof Casualties, string>>({
    dead: String(sitrep.casualties.dead),
    injured: String(sitrep.casualties.injured),
    missing: String(sitrep.casualties.missing),
    evacuated: String(sitrep.casualties.evacuated),
  })
  const [nextUpdateAt, setNextUpdateAt] = useState(toBrusselsLocal(sitrep.nextUpdateAt))
  const [problem, setProblem] = useState<string | null>(null)
  const [nextProblem, setNextProblem] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const counts = casualtyKinds.map((k) => Number(casualties[k]))
    if (counts.some((n) => !Number.isInteger(n) || n < 0)) {
      setProblem(t('sitreps.problemCount'))
      return
    }
    setProblem(null)
    const next = nextUpdateAt ? fromBrusselsLocal(nextUpdateAt) : null
    if (nextUpdateAt && !next) {
      setNextProblem(t('cases.problemDateTime'))
      return
    }
    setNextProblem(null)
    setError(null)
    setBusy(true)
    try {
      const saved = await editSitrep(sitrep.id, {
        version: sitrep.version,
        conditions,
        actions,
        needs,
        resources,
        casualties: { dead: counts[0]!, injured: counts[1]!, missing: counts[2]!, evacuated: counts[3]! },
        nextUpdateAt: next,
      })
      onSaved(saved)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card" noValidate onSubmit={(event) => void submit(event)} data-testid="sitrep-editor">
      <h4>{t('sitreps.editTitle', { number: sitrep.number, version: sitrep.version })}</h4>
      {/* a live region from the start, so that the news is read out when it comes */}
      <div role="status" className={stale ? 'notice' : undefined} data-testid="sitrep-changed-meanwhile">
        {stale && t('sitreps.changedMeanwhile', { version: current.version })}
      </div>
      {error !== null && <ErrorAlert error={error} />}
      <TextAreaField label={t('sitreps.conditions')} value={conditions} onChange={setConditions} rows={5} />
      <TextAreaField label={t('sitreps.actions')} value={actions} onChange={setActions} rows={3} />
      <TextAreaField label={t('sitreps.needs')} value={needs} onChange={setNeeds} rows={2} />
      <TextAreaField label={t('sitreps.resources')} value={resources} onChange={setResources} rows={2} />
      <fieldset className="checkbox-group">
        <legend>{t('sitreps.casualties')}</legend>
        {problem && <p className="field-error">{problem}</p>}
        <div className="field-row">
          {casualtyKinds.map((k) => (
            <TextField
              key={k}
              label={t(`sitreps.casualty.${k}`)}
              type="number"
              inputMode="numeric"
              min={0}
              value={casualties[k]}
              onChange={(value) => setCasualties((c) => ({ ...c, [k]: value }))}
            />
          ))}
        </div>
      </fieldset>
      <TextField
        label={t('sitreps.nextUpdateAt')}
        hint={t('cases.endsAtHint')}
        type="datetime-local"
        value={nextUpdateAt}
        onChange={setNextUpdateAt}
        error={nextProblem}
      />
      <SubmitCancelRow label={t('sitreps.save')} busy={busy} onCancel={onCancel} />
    </form>
  )
}

export interface SitrepsPanelProps {
  readonly caseId: string
  readonly sitreps: readonly SitrepRecord[]
  /** The end of the list: what reads the next page (none on the last). */
  readonly more?: ReactNode
  readonly mayDraft: boolean
  readonly mayApprove: boolean
  readonly onChanged: () => void
}

/** Situation reports: draft the next one from the log, edit a draft, approve it, print it, read its earlier versions. */
export function SitrepsPanel({ caseId, sitreps, more, mayDraft, mayApprove, onChanged }: SitrepsPanelProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const [editing, setEditing] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const act = async (
    run: () => Promise<SitrepRecord>,
    message: (s: SitrepRecord) => string,
  ): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const result = await run()
      setStatus(message(result))
      onChanged()
    } catch (caught) {
      setError(caught)
      onChanged() // a stale version: show the current one
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={headingId} className="case-panel">
      <div className="section-head">
        <h2 id={headingId}>{t('sitreps.title')}</h2>
        {mayDraft && (
          <button
            type="button"
            className="button button-primary"
            aria-disabled={busy || undefined}
            onClick={() =>
              void act(
                () => draftSitrep(caseId),
                (s) => t('sitreps.drafted', { number: s.number }),
              )
            }
          >
            {t('sitreps.draft')}
          </button>
        )}
      </div>
      <LiveStatus message={status} />
      {error !== null && <ErrorAlert error={error} />}
      {sitreps.length === 0 && <p className="muted">{t('sitreps.empty')}</p>}
      <ul className="plain-list" data-testid="sitreps">
        {[...sitreps].reverse().map((s) => (
          <li key={s.id} className="card sitrep">
            <h3>
              {t('sitreps.number', { number: s.number })}{' '}
              <span className={s.state === 'approved' ? 'tag' : 'tag tag-warning'}>
                {t(`sitreps.state.${s.state}`)}
              </span>
            </h3>
            <p className="muted">
              {t('sitreps.version', { version: s.version })} · {t('sitreps.period')}{' '}
              <DateTime value={s.periodFrom} /> – <DateTime value={s.periodTo} />
              {s.approvedAt && (
                <>
                  {' · '}
                  {t('sitreps.approvedAt')} <DateTime value={s.approvedAt} />
                </>
              )}
            </p>
            <details>
              <summary>{t('sitreps.show')}</summary>
              <SitrepFacts content={s} />
            </details>
            <SitrepVersions sitrep={s} />
            <div className="button-row">
              <a className="button button-small" href={sitrepPrintHref(s.id)} target="_blank" rel="noopener">
                {t('sitreps.print', { number: s.number })}
              </a>
              {s.state === 'draft' && mayDraft && editing !== s.id && (
                <button type="button" className="button button-small" onClick={() => setEditing(s.id)}>
                  {t('sitreps.edit', { number: s.number })}
                </button>
              )}
              {s.state === 'draft' && mayApprove && (
                <button
                  type="button"
                  className="button button-small button-primary"
                  aria-disabled={busy || undefined}
                  onClick={() =>
                    void act(
                      () => approveSitrep(s.id, s.version),
                      (a) => t('sitreps.approved', { number: a.number }),
                    )
                  }
                >
                  {t('sitreps.approve', { number: s.number })}
                </button>
              )}
            </div>
            {editing === s.id && s.state === 'draft' && (
              <SitrepEditor
                key={s.id}
                current={s}
                onCancel={() => setEditing(null)}
                onSaved={(saved) => {
                  setEditing(null)
                  setStatus(t('sitreps.saved', { number: saved.number, version: saved.version }))
                  onChanged()
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {more}
    </section>
  )
}
