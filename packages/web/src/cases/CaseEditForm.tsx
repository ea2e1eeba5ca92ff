import type { Severity } from '@liaison/core'
import type { FormEvent } from 'react'
import { useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { CaseCorrection, CaseRecord, Scaling } from '../api/casesApi.ts'
import { updateCase } from '../api/casesApi.ts'
import { CardForm } from '../components/CardForm.tsx'
import { focusFirstInvalid } from '../components/focusFirstInvalid.ts'
import { SelectField } from '../components/SelectField.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import { fromBrusselsLocal, toBrusselsLocal } from '../i18n/brusselsTime.ts'
import type { ScalingChoice } from './caseHelpers.ts'
import { scalingChoiceOf, scalingOf } from './caseHelpers.ts'
import { severities } from '@liaison/core'
import { ScalingFields } from './ScalingFields.tsx'
import { SubmitCancelRow } from '../components/SubmitCancelRow.tsx'

/** Only what changed, so that a correction touches nothing else. */
export function caseChanges(
  c: CaseRecord,
  edited: {
    title: string
    description: string
    severity: Severity
    scaling: Scaling | null
    endsAt: string | null
  },
): CaseCorrection {
  const sameScaling =
    (c.scaling === null && edited.scaling === null) ||
    (c.scaling !== null &&
      edited.scaling !== null &&
      c.scaling.doctrine === edited.scaling.doctrine &&
      c.scaling.level === edited.scaling.level &&
      (c.scaling.planLevel ?? null) === (edited.scaling.planLevel ?? null))
  const sameEnd =
    (c.endsAt === null && edited.endsAt === null) ||
    (c.endsAt !== null &&
      edited.endsAt !== null &&
      new Date(c.endsAt).getTime() === new Date(edited.endsAt).getTime())
  return {
    ...(edited.title !== c.title ? { title: edited.title } : {}),
    ...(edited.description !== c.description ? { description: edited.description } : {}),
    ...(edited.severity !== c.severity ? { severity: edited.severity } : {}),
    ...(sameScaling ? {} : { scaling: edited.scaling }),
    ...(sameEnd ? {} : { endsAt: edited.endsAt }),
  }
}

/** Corrects a case's title, description, severity, scaling and end (the owner's managers). */
export function CaseEditForm({
  theCase,
  onSaved,
  onCancel,
}: {
  readonly theCase: CaseRecord
  readonly onSaved: (saved: CaseRecord) => void
  readonly onCancel: () => void
}) {
  const { t } = useTranslation()
  const titleRef = useRef<HTMLInputElement>(null)
  const [title, setTitle] = useState(theCase.title)
  const [description, setDescription] = useState(theCase.description)
  const [severity, setSeverity] = useState<Severity>(theCase.severity)
  const [scaling, setScaling] = useState<ScalingChoice>(scalingChoiceOf(theCase.scaling))
  const [endsAt, setEndsAt] = useState(toBrusselsLocal(theCase.endsAt))
  const [problem, setProblem] = useState<string | null>(null)
  const [endProblem, setEndProblem] = useState<string | null>(null)
  const { busy, error, setError, run } = useSubmit()

  useEffect(() => titleRef.current?.focus(), [])

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const form = event.currentTarget
    const trimmed = title.trim()
    const found = trimmed.length < 3 || trimmed.length > 200 ? t('cases.problemTitle') : null
    const end = endsAt ? fromBrusselsLocal(endsAt) : null
    const endFound =
      endsAt && !end
        ? t('cases.problemDateTime')
        : end && new Date(end).getTime() <= new Date(theCase.startsAt).getTime()
          ? t('cases.problemEndsBefore')
          : null
    flushSync(() => {
      setProblem(found)
      setEndProblem(endFound)
      setError(null)
    })
    if (found || endFound) return focusFirstInvalid(form)
    const change = caseChanges(theCase, {
      title: trimmed,
      description: description.trim(),
      severity,
      scaling: scalingOf(scaling),
      endsAt: end,
    })
    if (Object.keys(change).length === 0) return onCancel()
    await run(async () => {
      onSaved(await updateCase(theCase.id, change))
    })
  }

  return (
    <CardForm
      title={t('caseEdit.title')}
      testId="case-edit-form"
      onSubmit={submit}
      error={error}
      headingLevel={2}
      className="case-edit"
    >
      <TextField
        label={t('cases.caseTitle')}
        value={title}
        onChange={setTitle}
        inputRef={titleRef}
        autoComplete="off"
        required
        maxLength={200}
        error={problem}
      />
      <TextAreaField label={t('cases.description')} value={description} onChange={setDescription} rows={3} />
      <div className="field-row">
        <SelectField
          label={t('cases.severity')}
          value={severity}
          options={severities.map((s) => ({ value: s, label: t(`severities.${s}`) }))}
          onChange={(value) => setSeverity(severities.find((s) => s === value) ?? theCase.severity)}
        />
        <ScalingFields value={scaling} onChange={setScaling} />
      </div>
      <TextField
        label={t('caseEdit.endsAt')}
        hint={t('caseEdit.endsAtHint')}
        type="datetime-local"
        value={endsAt}
        onChange={setEndsAt}
        error={endProblem}
      />
      <SubmitCancelRow
        label={busy ? t('caseEdit.saving') : t('caseEdit.save')}
        busy={busy}
        onCancel={onCancel}
      />
    </CardForm>
  )
}
