import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AlertTemplateRecord } from '../api/alertsApi.ts'
import { listAlertTemplates } from '../api/alertsApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'

/**
 * Starting a new alert from one of the organisation's templates: choose it, fill in its
 * placeholders, and the composer takes the template's texts in every language.
 */
export function TemplatePicker({
  onStart,
}: {
  readonly onStart: (template: AlertTemplateRecord, values: Record<string, string>) => string[]
}) {
  const { t } = useTranslation()
  const [templates, setTemplates] = useState<readonly AlertTemplateRecord[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [chosen, setChosen] = useState('')
  const [values, setValues] = useState<Record<string, string>>({})
  const [missing, setMissing] = useState<readonly string[]>([])

  useEffect(() => {
    let current = true
    listAlertTemplates().then(
      (page) => current && setTemplates(page.items),
      (e: unknown) => current && setError(e),
    )
    return () => {
      current = false
    }
  }, [])

  if (error !== null) return <ErrorAlert error={error} />
  if (templates === null || templates.length === 0) return null
  const template = templates.find((x) => x.id === chosen)
  return (
    <fieldset className="template-picker" data-testid="template-picker">
      <legend>{t('alerts.templates.heading')}</legend>
      <SelectField
        label={t('alerts.templates.choose')}
        value={chosen}
        options={[
          { value: '', label: t('alerts.templates.none') },
          ...templates.map((x) => ({
            value: x.id,
            label: x.preApprovedBy ? `${x.name} ${t('alerts.templates.preApproved')}` : x.name,
          })),
        ]}
        onChange={(id) => {
          setChosen(id)
          setValues({})
          setMissing([])
        }}
        testId="template-choice"
      />
      {template?.placeholders.map((name) => (
        <TextField
          key={name}
          label={t('alerts.templates.placeholder', { name })}
          value={values[name] ?? ''}
          maxLength={200}
          onChange={(value) => setValues({ ...values, [name]: value })}
          error={missing.includes(name) ? t('alerts.templates.fill') : null}
          testId={`template-value-${name}`}
        />
      ))}
      {template && (
        <button
          type="button"
          className="button"
          onClick={() => setMissing(onStart(template, values))}
          data-testid="template-use"
        >
          {t('alerts.templates.use')}
        </button>
      )}
    </fieldset>
  )
}
