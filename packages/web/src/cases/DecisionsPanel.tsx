import type { FormEvent, ReactNode } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DecisionRecord, LogEntryRecord } from '../api/casesApi.ts'
import { recordDecision } from '../api/casesApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'

export interface DecisionsPanelProps {
  readonly caseId: string
  readonly decisions: readonly DecisionRecord[]
  /** The end of the list: what reads the next page (none on the last). */
  readonly more?: ReactNode
  readonly mayRecord: boolean
  readonly defaultDecidedBy: string
  readonly from: LogEntryRecord | null
  readonly onFromDone: () => void
  readonly onChanged: () => void
}

/** The decision register of a case: what, by whom, why, when; and the form for a new decision. */
export function DecisionsPanel(props: DecisionsPanelProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const textRef = useRef<HTMLTextAreaElement>(null)
  const [text, setText] = useState('')
  const [decidedBy, setDecidedBy] = useState(props.defaultDecidedBy)
  const [rationale, setRationale] = useState('')
  const [problems, setProblems] = useState<{ text?: string; decidedBy?: string }>({})
  const [status, setStatus] = useState<string | null>(null)
  const { busy, error, setError, run } = useSubmit()
  const { from } = props

  useEffect(() => {
    if (!from) return
    setText(from.text)
    textRef.current?.focus()
  }, [from])

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const found = {
      ...(text.trim().length < 2 ? { text: t('decisions.problemText') } : {}),
      ...(decidedBy.trim().length < 2 ? { decidedBy: t('decisions.problemDecidedBy') } : {}),
    }
    setProblems(found)
    setError(null)
    if (Object.keys(found).length > 0) return
    await run(async () => {
      await recordDecision(props.caseId, {
        text: text.trim(),
        decidedBy: decidedBy.trim(),
        ...(rationale.trim() ? { rationale: rationale.trim() } : {}),
        ...(from ? { fromLogEntry: from.id } : {}),
      })
      setText('')
      setRationale('')
      setStatus(t('decisions.recorded'))
      props.onFromDone()
      props.onChanged()
    })
  }

  return (
    <section aria-labelledby={headingId} className="case-panel">
      <h2 id={headingId}>{t('decisions.title')}</h2>
      <LiveStatus message={status} />
      {props.decisions.length === 0 ? (
        <p className="muted">{t('decisions.empty')}</p>
      ) : (
        <table className="table table-dense" data-testid="decisions-table">
          <caption className="visually-hidden">{t('decisions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('decisions.decidedAt')}</th>
              <th scope="col">{t('decisions.text')}</th>
              <th scope="col">{t('decisions.decidedBy')}</th>
              <th scope="col">{t('decisions.rationale')}</th>
            </tr>
          </thead>
          <tbody>
            {props.decisions.map((d) => (
              <tr key={d.id}>
                <td>
                  <DateTime value={d.decidedAt} />
                </td>
                <td className="pre-wrap">{d.text}</td>
                <td>{d.decidedBy}</td>
                <td className="pre-wrap">{d.rationale || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.more}
      {props.mayRecord && (
        <form
          className="card"
          noValidate
          onSubmit={(event) => void submit(event)}
          data-testid="decision-form"
        >
          <h3>{from ? t('decisions.fromEntryTitle') : t('decisions.newTitle')}</h3>
          {error !== null && <ErrorAlert error={error} />}
          <TextAreaField
            label={t('decisions.text')}
            value={text}
            onChange={setText}
            textAreaRef={textRef}
            rows={2}
            required
            error={problems.text ?? null}
          />
          <TextField
            label={t('decisions.decidedBy')}
            value={decidedBy}
            onChange={setDecidedBy}
            required
            maxLength={200}
            error={problems.decidedBy ?? null}
          />
          <TextAreaField
            label={t('decisions.rationale')}
            value={rationale}
            onChange={setRationale}
            rows={2}
          />
          <div className="button-row">
            <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
              {t('decisions.record')}
            </button>
            {from && (
              <button type="button" className="button" onClick={props.onFromDone}>
                {t('app.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  )
}
