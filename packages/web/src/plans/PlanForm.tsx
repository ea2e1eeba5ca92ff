import type { FormEvent } from 'react'
import { useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { NewPlan, PlanRecord } from '../api/dutyApi.ts'
import { addPlan, updatePlan } from '../api/dutyApi.ts'
import { CardForm } from '../components/CardForm.tsx'
import { focusFirstInvalid } from '../components/focusFirstInvalid.ts'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import { SubmitCancelRow } from '../components/SubmitCancelRow.tsx'

/**
 * A new plan's metadata, or a change to one the user's organisation keeps (`editing`). The
 * document itself is uploaded afterwards.
 */
export function PlanForm({
  editing = null,
  onSaved,
  onCancel,
}: {
  readonly editing?: PlanRecord | null
  readonly onSaved: (saved: { readonly id: string; readonly title: string }) => void
  readonly onCancel: () => void
}) {
  const { t } = useTranslation()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [title, setTitle] = useState(editing?.title ?? '')
  const [scope, setScope] = useState(editing?.scope ?? '')
  const [area, setArea] = useState(editing?.area ?? '')
  const [version, setVersion] = useState(editing?.version ?? '1')
  const [validUntil, setValidUntil] = useState(editing?.validUntil ?? '')
  const [document, setDocument] = useState(editing?.document ?? '')
  const [problems, setProblems] = useState<{ title?: string; validUntil?: string }>({})
  const { busy, error, setError, run } = useSubmit()

  useEffect(() => {
    if (editing) headingRef.current?.focus()
  }, [editing])

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const form = event.currentTarget
    const found = {
      ...(title.trim().length < 3 ? { title: t('plans.problemTitle') } : {}),
      ...(validUntil === '' || /^\d{4}-\d{2}-\d{2}$/.test(validUntil)
        ? {}
        : { validUntil: t('plans.problemDate') }),
    }
    flushSync(() => {
      setProblems(found)
      setError(null)
    })
    if (Object.keys(found).length > 0) return focusFirstInvalid(form)
    // what is left empty takes the node's default: no scope, area or reference, version 1, no end
    const plan: NewPlan = {
      title: title.trim(),
      ...(scope.trim() ? { scope: scope.trim() } : {}),
      ...(area.trim() ? { area: area.trim() } : {}),
      ...(version.trim() ? { version: version.trim() } : {}),
      ...(validUntil ? { validUntil } : {}),
      ...(document.trim() ? { document: document.trim() } : {}),
    }
    await run(async () => {
      const saved = editing ? await updatePlan(editing.id, plan) : await addPlan(plan)
      onSaved({ id: saved.id, title: plan.title })
    })
  }

  return (
    <CardForm
      title={editing ? t('plans.editTitle', { title: editing.title }) : t('plans.addTitle')}
      testId={editing ? 'plan-edit-form' : 'plan-form'}
      onSubmit={submit}
      error={error}
      headingRef={headingRef}
    >
      <TextField
        label={t('plans.planTitle')}
        value={title}
        onChange={setTitle}
        required
        maxLength={200}
        error={problems.title ?? null}
      />
      <TextAreaField label={t('plans.scope')} value={scope} onChange={setScope} rows={2} maxLength={500} />
      <TextField label={t('plans.area')} value={area} onChange={setArea} maxLength={200} />
      <TextField label={t('plans.version')} value={version} onChange={setVersion} maxLength={40} />
      <TextField
        label={t('plans.validUntil')}
        hint={t('plans.dateHint')}
        value={validUntil}
        onChange={setValidUntil}
        maxLength={10}
        error={problems.validUntil ?? null}
      />
      <TextField
        label={t('plans.reference')}
        hint={t('plans.referenceHint')}
        value={document}
        onChange={setDocument}
        maxLength={1000}
      />
      <SubmitCancelRow label={editing ? t('plans.save') : t('plans.add')} busy={busy} onCancel={onCancel} />
    </CardForm>
  )
}
