import type { CaseKind, CaseStatus, Severity } from '@liaison/core'
import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { CaseRecord, LogEntryRecord } from '../api/casesApi.ts'
import { openCase } from '../api/casesApi.ts'
import type { OrganisationRecord } from '../api/nodeApi.ts'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { focusFirstInvalid } from '../components/focusFirstInvalid.ts'
import { SelectField } from '../components/SelectField.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import { fromBrusselsLocal } from '../i18n/brusselsTime.ts'
import type { ScalingChoice } from './caseHelpers.ts'
import { pointFromInput, scalingChoiceOf, scalingOf, titleFromText } from './caseHelpers.ts'
import { caseKinds, caseStatuses, disciplines, severities } from '@liaison/core'
import { LocationFields } from './LocationFields.tsx'
import { ScalingFields } from './ScalingFields.tsx'
import { SubmitCancelRow } from '../components/SubmitCancelRow.tsx'

interface Problems {
  readonly type?: string
  readonly title?: string
  readonly startsAt?: string
  readonly endsAt?: string
  readonly location?: string
}

export interface OpenCaseFormProps {
  /** Organisations that may take part (not the caller's own). */
  readonly organisations: readonly OrganisationRecord[]
  readonly onOpened: (opened: CaseRecord) => void
  readonly onCancel: () => void
  /** A daily-log entry the case grows out of: prefills the title, sets `fromLogEntry`. */
  readonly from?: LogEntryRecord | null
}

/** Kind, status, type, title, severity, disciplines, scaling and participants of a new case. */
export function OpenCaseForm({ organisations, onOpened, onCancel, from = null }: OpenCaseFormProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const titleRef = useRef<HTMLInputElement>(null)
  const [kind, setKind] = useState<CaseKind>('incident')
  const [status, setStatus] = useState<CaseStatus>('actual')
  const [type, setType] = useState('')
  const [title, setTitle] = useState(() => (from ? titleFromText(from.text) : ''))
  const [description, setDescription] = useState('')
  const [severity, setSeverity] = useState<Severity>('moderate')
  const [chosenDisciplines, setChosenDisciplines] = useState<string[]>([])
  const [scaling, setScaling] = useState<ScalingChoice>(scalingChoiceOf(null))
  const [participants, setParticipants] = useState<string[]>([])
  const [startsAt, setStartsAt] = useState('')
  const [endsAt, setEndsAt] = useState('')
  const [lat, setLat] = useState('')
  const [lon, setLon] = useState('')
  const [problems, setProblems] = useState<Problems>({})
  const { busy, error, setError, run } = useSubmit()

  useEffect(() => {
    if (from) titleRef.current?.focus()
  }, [from])

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const form = event.currentTarget
    const starts = startsAt ? fromBrusselsLocal(startsAt) : null
    const ends = endsAt ? fromBrusselsLocal(endsAt) : null
    const location = pointFromInput(lat, lon)
    const found: Problems = {
      ...(!/^[a-z][a-z0-9-]{1,39}$/.test(type.trim()) ? { type: t('cases.problemType') } : {}),
      ...(title.trim().length < 3 || title.trim().length > 200 ? { title: t('cases.problemTitle') } : {}),
      ...(startsAt && !starts ? { startsAt: t('cases.problemDateTime') } : {}),
      ...(endsAt && !ends
        ? { endsAt: t('cases.problemDateTime') }
        : ends && new Date(ends).getTime() <= new Date(starts ?? Date.now()).getTime()
          ? { endsAt: t('cases.problemEndsBefore') }
          : {}),
      ...(location === 'invalid' ? { location: t('cases.problemLocation') } : {}),
    }
    flushSync(() => {
      setProblems(found)
      setError(null)
    })
    if (Object.keys(found).length > 0) return focusFirstInvalid(form)
    await run(async () => {
      const opened = await openCase({
        kind,
        status,
        type: type.trim(),
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        severity,
        disciplines: disciplines.filter((d) => chosenDisciplines.includes(d)),
        scaling: scalingOf(scaling),
        participants,
        ...(starts ? { startsAt: starts } : {}),
        ...(ends ? { endsAt: ends } : {}),
        ...(location && location !== 'invalid' ? { location } : {}),
        ...(from ? { fromLogEntry: from.id } : {}),
      })
      onOpened(opened)
    })
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('cases.openTitle')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)} data-testid="open-case-form">
        {from && (
          <p className="notice" data-testid="case-from-entry">
            {t('promote.fromEntry')}
          </p>
        )}
        {error !== null && <ErrorAlert error={error} />}
        <div className="field-row">
          <SelectField
            label={t('cases.kind')}
            value={kind}
            options={caseKinds.map((k) => ({ value: k, label: t(`caseKinds.${k}`) }))}
            onChange={(value) => setKind(caseKinds.find((k) => k === value) ?? 'incident')}
          />
          <SelectField
            label={t('cases.status')}
            hint={t('cases.statusHint')}
            value={status}
            options={caseStatuses.map((s) => ({ value: s, label: t(`caseStatuses.${s}`) }))}
            onChange={(value) => setStatus(caseStatuses.find((s) => s === value) ?? 'actual')}
          />
          <SelectField
            label={t('cases.severity')}
            value={severity}
            options={severities.map((s) => ({ value: s, label: t(`severities.${s}`) }))}
            onChange={(value) => setSeverity(severities.find((s) => s === value) ?? 'moderate')}
          />
        </div>
        <TextField
          label={t('cases.type')}
          hint={t('cases.typeHint')}
          value={type}
          onChange={setType}
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={40}
          error={problems.type ?? null}
        />
        <TextField
          label={t('cases.caseTitle')}
          value={title}
          onChange={setTitle}
          inputRef={titleRef}
          autoComplete="off"
          required
          maxLength={200}
          error={problems.title ?? null}
        />
        <TextAreaField
          label={t('cases.description')}
          value={description}
          onChange={setDescription}
          rows={3}
        />
        <fieldset className="checkbox-group">
          <legend>{t('cases.when')}</legend>
          <div className="field-row">
            <TextField
              label={t('cases.startsAt')}
              hint={t('cases.startsAtHint')}
              type="datetime-local"
              value={startsAt}
              onChange={setStartsAt}
              error={problems.startsAt ?? null}
              testId="case-starts-at"
            />
            <TextField
              label={t('cases.endsAt')}
              hint={t('cases.endsAtHint')}
              type="datetime-local"
              value={endsAt}
              onChange={setEndsAt}
              error={problems.endsAt ?? null}
              testId="case-ends-at"
            />
          </div>
        </fieldset>
        <LocationFields
          lat={lat}
          lon={lon}
          onLatChange={setLat}
          onLonChange={setLon}
          error={problems.location ?? null}
          testIdPrefix="case"
        />
        <CheckboxGroup
          legend={t('cases.disciplines')}
          options={disciplines.map((d) => ({ value: d, label: t(`disciplines.${d}`) }))}
          selected={chosenDisciplines}
          onChange={setChosenDisciplines}
        />
        <div className="field-row">
          <ScalingFields value={scaling} onChange={setScaling} />
        </div>
        {organisations.length > 0 && (
          <CheckboxGroup
            legend={t('cases.participants')}
            options={organisations.map((o) => ({ value: o.code, label: o.name, hint: o.code }))}
            selected={participants}
            onChange={setParticipants}
          />
        )}
        <SubmitCancelRow
          label={busy ? t('cases.opening') : t('cases.open')}
          busy={busy}
          onCancel={onCancel}
        />
      </form>
    </section>
  )
}
