import type { AlertLanguage, CapMsgType } from '@liaison/core'
import {
  alertChannels,
  capCategories,
  capCertainties,
  capSeverities,
  capUrgencies,
  issuableStatuses,
} from '@liaison/core'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AlertRecord, AreaCheckResult, CapMessage } from '../api/alertsApi.ts'
import { draftAlert, editAlert, fetchAlert, submitAlert } from '../api/alertsApi.ts'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { focusFirstInvalid } from '../components/focusFirstInvalid.ts'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import { alertHref } from '../router/useHashRoute.ts'
import { AlertStatusBanner } from './AlertStatusBanner.tsx'
import { AreaFields } from './AreaFields.tsx'
import { LanguageBlock } from './LanguageBlock.tsx'
import { LanguageWarnings } from './LanguageWarnings.tsx'
import { missingLanguagesOf } from './missingLanguagesOf.ts'
import { TemplatePicker } from './TemplatePicker.tsx'
import type { TemplateUse } from './templateForm.ts'
import { formFromTemplate } from './templateForm.ts'
import type { AlertForm, AreaDraft, FormProblem } from './alertForm.ts'
import { contentOf, emptyTexts, formOf, formProblems, languagesLeft, newAlertForm } from './alertForm.ts'

/** The alert being edited: its id, the version read, what the node keeps beyond the form. */
interface Editing {
  readonly id: string
  readonly version: number
  readonly cap: CapMessage
  readonly template: TemplateUse | null
}

/** The template the alert is made from: what the node is told, and what the composer shows. */
interface FromTemplate {
  readonly use: TemplateUse
  readonly name: string | null
  readonly preApproved: boolean
}

const firstLanguage = (ui: string): AlertLanguage =>
  ui === 'nl' || ui === 'de' || ui === 'en' || ui === 'fr' ? ui : 'fr'

/**
 * Writing an alert: its status chosen explicitly (no default), the event and its levels, the
 * channels, one block of texts per language with live counters, and the area drawn on the map
 * and checked live. Saved as a draft, or saved and submitted for a second person's approval.
 */
export function AlertComposerPage({ alertId }: { readonly alertId: string | null }) {
  const { t, i18n } = useTranslation()
  const [form, setForm] = useState<AlertForm | null>(
    alertId === null
      ? newAlertForm(window.location.hostname || 'liaison', firstLanguage(i18n.language))
      : null,
  )
  const [editing, setEditing] = useState<Editing | null>(null)
  const [fromTemplate, setFromTemplate] = useState<FromTemplate | null>(null)
  /** For a new alert made from a template: the filled template, which the form keeps beyond its fields. */
  const [base, setBase] = useState<CapMessage | undefined>(undefined)
  const [msgType, setMsgType] = useState<CapMsgType>('Alert')
  const [loadError, setLoadError] = useState<unknown>(null)
  const [shownProblems, setShownProblems] = useState<readonly FormProblem[]>([])
  const [adding, setAdding] = useState<AlertLanguage | ''>('')
  const [areaCheck, setAreaCheck] = useState<AreaCheckResult | null>(null)
  const [overrideReason, setOverrideReason] = useState('')
  const save = useSubmit()
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    if (alertId === null) return
    let current = true
    fetchAlert(alertId).then(
      ({ alert }) => {
        if (!current) return
        setForm(formOf(alert.cap, alert.channels))
        setEditing({ id: alert.id, version: alert.version, cap: alert.cap, template: alert.template })
        if (alert.template) setFromTemplate({ use: alert.template, name: null, preApproved: false })
        setMsgType(alert.cap.msgType)
        setOverrideReason(alert.languageOverride?.reason ?? '')
      },
      (error: unknown) => current && setLoadError(error),
    )
    return () => {
      current = false
    }
  }, [alertId])

  const setArea = useCallback((area: AreaDraft) => setForm((f) => (f ? { ...f, area } : f)), [])

  if (form === null) {
    return (
      <>
        <h1>{t('nav.alertEdit')}</h1>
        {loadError !== null ? <ErrorAlert error={loadError} /> : <p role="status">{t('app.loading')}</p>}
      </>
    )
  }
  const change = (patch: Partial<AlertForm>) => setForm({ ...form, ...patch })
  // a problem shown stays until the field is put right, then goes at once
  const current = formProblems(form)
  const showing = shownProblems.filter((p) => current.includes(p))
  const problem = (field: FormProblem): string | null =>
    showing.includes(field) ? t(`alerts.formProblems.${field}`) : null
  const left = languagesLeft(form)

  const send = (andSubmit: boolean) => {
    const found = formProblems(form)
    setShownProblems(found)
    if (found.length > 0) {
      // after the errors are drawn
      setTimeout(() => formRef.current && focusFirstInvalid(formRef.current), 0)
      return
    }
    void save.run(async () => {
      const missing = missingLanguagesOf(
        form.area,
        areaCheck,
        form.texts.map((x) => x.language),
      )
      const content = {
        ...contentOf(form, editing?.cap ?? base),
        ...(fromTemplate ? { template: fromTemplate.use } : {}),
        // sent without languages the area expects: which, and why, for the approver
        ...(missing.length > 0 && overrideReason.trim() !== ''
          ? { languageOverride: { languages: missing.map((m) => m.language), reason: overrideReason.trim() } }
          : {}),
      }
      let saved: AlertRecord = editing
        ? await editAlert(editing.id, editing.version, content)
        : await draftAlert(content)
      setEditing({ id: saved.id, version: saved.version, cap: saved.cap, template: saved.template })
      if (andSubmit) saved = await submitAlert(saved.id, saved.version)
      window.location.hash = alertHref(saved.id)
    })
  }

  const choose = (label: string) => ({ value: '', label })
  return (
    <>
      <AlertStatusBanner status={form.status} />
      <h1>{alertId === null ? t('nav.alertNew') : t('nav.alertEdit')}</h1>
      <form
        ref={formRef}
        className="alert-composer"
        aria-label={t('alerts.composerLabel')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          send(false)
        }}
        data-testid="alert-composer"
      >
        {alertId === null && editing === null && (
          <TemplatePicker
            onStart={(template, values) => {
              const started = formFromTemplate(template, values)
              if (!started.ok) return started.problems.map((p) => p.name)
              setForm(started.form)
              setBase(started.base)
              setFromTemplate({
                use: started.use,
                name: template.name,
                preApproved: template.preApprovedBy !== null,
              })
              return []
            }}
          />
        )}
        {fromTemplate && (
          <div className="alert" role="status" data-testid="made-from-template">
            {fromTemplate.name !== null && (
              <p>{t('alerts.templates.madeFrom', { name: fromTemplate.name })}</p>
            )}
            <p>{fromTemplate.preApproved ? t('alerts.templates.intact') : t('alerts.templates.changed')}</p>
          </div>
        )}
        {showing.length > 0 && (
          <p className="alert alert-error" role="alert">
            {t('alerts.formHasProblems')}
          </p>
        )}
        <fieldset
          className={problem('status') ? 'radio-group field-invalid' : 'radio-group'}
          aria-describedby={problem('status') ? 'alert-status-error' : undefined}
        >
          <legend>{t('alerts.status')}</legend>
          {problem('status') && (
            <p id="alert-status-error" className="field-error">
              {problem('status')}
            </p>
          )}
          {issuableStatuses.map((s) => (
            <div className="radio" key={s}>
              <input
                type="radio"
                name="alert-status"
                id={`alert-status-${s}`}
                value={s}
                checked={form.status === s}
                onChange={() => change({ status: s })}
              />
              <label htmlFor={`alert-status-${s}`}>
                {t(`capStatuses.${s}`)} <span className="checkbox-hint">{t(`alerts.statusHint.${s}`)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <p>
          {t('alerts.msgType')}: <strong>{t(`capMsgTypes.${msgType}`)}</strong>
        </p>
        <TextField
          label={t('alerts.sender')}
          hint={t('alerts.senderHint')}
          value={form.sender}
          onChange={(sender) => change({ sender })}
        />
        <TextField
          label={t('alerts.event')}
          value={form.event}
          onChange={(event) => change({ event })}
          error={problem('event')}
          testId="alert-event"
        />
        <CheckboxGroup
          legend={t('alerts.category')}
          options={capCategories.map((c) => ({ value: c, label: t(`capCategories.${c}`) }))}
          selected={form.category}
          onChange={(selected) => change({ category: capCategories.filter((c) => selected.includes(c)) })}
          error={problem('category')}
        />
        <div className="field-row">
          <SelectField
            label={t('alerts.urgency')}
            value={form.urgency}
            options={[
              choose(t('alerts.choose')),
              ...capUrgencies.map((u) => ({ value: u, label: t(`capUrgencies.${u}`) })),
            ]}
            onChange={(v) => change({ urgency: capUrgencies.find((u) => u === v) ?? '' })}
            error={problem('urgency')}
          />
          <SelectField
            label={t('alerts.severity')}
            value={form.severity}
            options={[
              choose(t('alerts.choose')),
              ...capSeverities.map((u) => ({ value: u, label: t(`capSeverities.${u}`) })),
            ]}
            onChange={(v) => change({ severity: capSeverities.find((u) => u === v) ?? '' })}
            error={problem('severity')}
          />
          <SelectField
            label={t('alerts.certainty')}
            value={form.certainty}
            options={[
              choose(t('alerts.choose')),
              ...capCertainties.map((u) => ({ value: u, label: t(`capCertainties.${u}`) })),
            ]}
            onChange={(v) => change({ certainty: capCertainties.find((u) => u === v) ?? '' })}
            error={problem('certainty')}
          />
        </div>
        <CheckboxGroup
          legend={t('alerts.channels')}
          options={alertChannels.map((c) => ({ value: c, label: t(`alertChannels.${c}`) }))}
          selected={form.channels}
          onChange={(selected) => change({ channels: alertChannels.filter((c) => selected.includes(c)) })}
        />
        {form.texts.map((texts, i) => (
          <LanguageBlock
            key={texts.language}
            texts={texts}
            event={form.event}
            channels={form.channels}
            onChange={(next) => change({ texts: form.texts.map((x, j) => (j === i ? next : x)) })}
            onRemove={
              form.texts.length > 1 ? () => change({ texts: form.texts.filter((_, j) => j !== i) }) : null
            }
          />
        ))}
        {left.length > 0 && (
          <div className="field-row">
            <SelectField
              label={t('alerts.addLanguage')}
              value={adding}
              options={[
                choose(t('alerts.choose')),
                ...left.map((l) => ({ value: l, label: t(`alertLanguages.${l}`) })),
              ]}
              onChange={(v) => setAdding(left.find((l) => l === v) ?? '')}
              testId="add-language"
            />
            <button
              type="button"
              className="button"
              onClick={() => {
                if (adding === '') return
                change({ texts: [...form.texts, emptyTexts(adding)] })
                setAdding('')
              }}
            >
              {t('alerts.addLanguageButton')}
            </button>
          </div>
        )}
        <AreaFields
          area={form.area}
          onChange={setArea}
          problems={{ vertices: problem('vertices'), circle: problem('circle') }}
          onChecked={setAreaCheck}
        />
        <LanguageWarnings
          area={form.area}
          check={areaCheck}
          written={form.texts.map((x) => x.language)}
          onAdd={(language) => change({ texts: [...form.texts, emptyTexts(language)] })}
          reason={overrideReason}
          onReason={setOverrideReason}
        />
        {save.error !== null && <ErrorAlert error={save.error} testId="composer-error" />}
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={save.busy || undefined}>
            {t('alerts.saveDraft')}
          </button>
          <button
            type="button"
            className="button button-primary"
            aria-disabled={save.busy || undefined}
            onClick={() => send(true)}
          >
            {t('alerts.saveAndSubmit')}
          </button>
        </div>
      </form>
    </>
  )
}
