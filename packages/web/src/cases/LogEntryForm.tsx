import type { Discipline, EventStatus, LogSource } from '@liaison/core'
import type { FormEvent, KeyboardEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LogEntryRecord } from '../api/casesApi.ts'
import { appendLog } from '../api/casesApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { FileField } from '../components/FileField.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { fromBrusselsLocal } from '../i18n/brusselsTime.ts'
import { formatDateTime } from '../i18n/formatDateTime.ts'
import type { FileFailure } from './Attachments.tsx'
import { acceptedFiles, FileFailures, uploadAll } from './Attachments.tsx'
import { pointFromInput } from './caseHelpers.ts'
import { logSources } from '@liaison/core'
import { LocationFields } from './LocationFields.tsx'
import { ExplainPanel } from './ExplainPanel.tsx'

const disciplineKey = 'liaison.log.discipline'
const sourceKey = 'liaison.log.source'

function remembered<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const value = window.localStorage.getItem(key)
    return allowed.find((a) => a === value) ?? fallback
  } catch {
    return fallback
  }
}

function remember(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value)
  } catch {
    // private browsing: the choice is simply not remembered
  }
}

export interface LogEntryFormProps {
  /** Null: the daily log. */
  readonly caseId: string | null
  readonly disciplines: readonly Discipline[]
  /** The entry being corrected, if any: the new entry supersedes it. */
  readonly correcting: LogEntryRecord | null
  readonly onCancelCorrection: () => void
  readonly onAppended: (entry: LogEntryRecord) => void
  /** The case's status (its entries carry it); the daily log's entries are actual. */
  readonly status?: EventStatus
}

/**
 * Keyboard first: Alt+L puts the cursor in the text, Ctrl+Enter (or Cmd+Enter) logs it; the
 * discipline and the source stay as last chosen.
 */
export function LogEntryForm({
  caseId,
  disciplines,
  correcting,
  onCancelCorrection,
  onAppended,
  status = 'actual',
}: LogEntryFormProps) {
  const { t, i18n } = useTranslation()
  const titleId = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [failures, setFailures] = useState<readonly FileFailure[]>([])
  const textRef = useRef<HTMLTextAreaElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const [text, setText] = useState('')
  const [discipline, setDiscipline] = useState<Discipline>(() =>
    remembered(
      disciplineKey,
      disciplines,
      disciplines.includes('multidisciplinary')
        ? 'multidisciplinary'
        : (disciplines[0] ?? 'multidisciplinary'),
    ),
  )
  const [source, setSource] = useState<LogSource>(() => remembered(sourceKey, logSources, 'phone'))
  const [problem, setProblem] = useState<string | null>(null)
  const [occurredAt, setOccurredAt] = useState('')
  const [occurredProblem, setOccurredProblem] = useState<string | null>(null)
  const occurredRef = useRef<HTMLInputElement>(null)
  const [lat, setLat] = useState('')
  const [lon, setLon] = useState('')
  const [locationProblem, setLocationProblem] = useState<string | null>(null)
  const latRef = useRef<HTMLInputElement>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyL') {
        event.preventDefault()
        textRef.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    if (!correcting) return
    setText(correcting.text)
    if (disciplines.includes(correcting.discipline)) setDiscipline(correcting.discipline)
    setSource(correcting.source)
    setLat(correcting.location ? String(correcting.location.lat) : '')
    setLon(correcting.location ? String(correcting.location.lon) : '')
    textRef.current?.focus()
  }, [correcting, disciplines])

  const submit = async (event?: FormEvent<HTMLFormElement>): Promise<void> => {
    event?.preventDefault()
    if (busy) return
    const trimmed = text.trim()
    if (trimmed.length === 0) {
      setProblem(t('log.problemText'))
      textRef.current?.focus()
      return
    }
    setProblem(null)
    const occurred = occurredAt ? fromBrusselsLocal(occurredAt) : null
    const occurredIssue =
      occurredAt && !occurred
        ? t('log.problemOccurredAt')
        : occurred && new Date(occurred).getTime() > Date.now()
          ? t('log.problemFuture')
          : null
    setOccurredProblem(occurredIssue)
    if (occurredIssue) {
      occurredRef.current?.focus()
      return
    }
    const location = pointFromInput(lat, lon)
    setLocationProblem(location === 'invalid' ? t('cases.problemLocation') : null)
    if (location === 'invalid') {
      latRef.current?.focus()
      return
    }
    setError(null)
    setFailures([])
    setBusy(true)
    try {
      const entry = await appendLog(caseId, {
        discipline,
        source,
        text: trimmed,
        // the officer types Brussels time: the entry keeps the zone it was given in
        ...(occurred ? { occurredAt: { at: occurred, zone: 'Europe/Brussels' } } : {}),
        ...(location ? { location } : {}),
        ...(correcting ? { supersedes: correcting.id } : {}),
      })
      setText('')
      setOccurredAt('')
      setLat('')
      setLon('')
      const files = [...(fileRef.current?.files ?? [])]
      onAppended(files.length > 0 ? { ...entry, attachments: [] } : entry)
      if (correcting) onCancelCorrection()
      if (files.length > 0) {
        const { attached, failed } = await uploadAll(entry.id, files)
        if (fileRef.current) fileRef.current.value = ''
        onAppended({ ...entry, attachments: attached })
        setFailures(failed)
      }
      textRef.current?.focus()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void submit()
    } else if (event.key === 'Escape' && correcting) {
      event.preventDefault()
      setText('')
      onCancelCorrection()
    }
  }

  return (
    <form
      ref={formRef}
      className="card log-form"
      noValidate
      aria-labelledby={titleId}
      onSubmit={(event) => void submit(event)}
      data-testid="log-form"
    >
      <h3 id={titleId}>{correcting ? t('log.correctTitle') : t('log.formTitle')}</h3>
      {correcting && (
        <p className="notice">
          {t('log.correcting', {
            time: formatDateTime(correcting.occurredAt, i18n.language),
            author: correcting.authorName,
          })}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <TextAreaField
        label={t('log.text')}
        hint={t('log.textHint')}
        value={text}
        onChange={setText}
        onKeyDown={onKeyDown}
        textAreaRef={textRef}
        maxLength={10_000}
        required
        error={problem}
        testId="log-text"
      />
      <div className="field-row">
        <SelectField
          label={t('log.discipline')}
          value={discipline}
          options={disciplines.map((d) => ({ value: d, label: t(`disciplines.${d}`) }))}
          onChange={(value) => {
            const found = disciplines.find((d) => d === value)
            if (found) {
              setDiscipline(found)
              remember(disciplineKey, found)
            }
          }}
        />
        <SelectField
          label={t('log.source')}
          value={source}
          options={logSources.map((s) => ({ value: s, label: t(`logSources.${s}`) }))}
          onChange={(value) => {
            const found = logSources.find((s) => s === value)
            if (found) {
              setSource(found)
              remember(sourceKey, found)
            }
          }}
        />
        <TextField
          label={t('log.occurredAt')}
          hint={t('log.occurredAtHint')}
          type="datetime-local"
          value={occurredAt}
          onChange={setOccurredAt}
          inputRef={occurredRef}
          error={occurredProblem}
          testId="log-occurred-at"
        />
      </div>
      <LocationFields
        lat={lat}
        lon={lon}
        onLatChange={setLat}
        onLonChange={setLon}
        latRef={latRef}
        error={locationProblem}
        testIdPrefix="log"
      />
      <FileField
        label={t('attachments.files')}
        hint={t('attachments.filesHint')}
        inputRef={fileRef}
        multiple
        accept={acceptedFiles}
        testId="log-files"
      />
      <FileFailures failures={failures} />
      <ExplainPanel
        draft={
          // as the node writes it: a case's entry to the case (TLP:AMBER), a daily-log entry to its organisation
          caseId === null
            ? { distribution: { kind: 'organisation' }, tlp: 'AMBER', status }
            : { distribution: { kind: 'case', caseId }, tlp: 'AMBER', status, caseId }
        }
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {busy ? t('log.adding') : correcting ? t('log.addCorrection') : t('log.add')}
        </button>
        {correcting && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setText('')
              onCancelCorrection()
            }}
          >
            {t('app.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
