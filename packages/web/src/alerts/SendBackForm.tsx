import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AlertRecord } from '../api/alertsApi.ts'
import { returnAlert } from '../api/alertsApi.ts'
import { TextAreaField } from '../components/TextAreaField.tsx'
import type { Submit } from '../hooks/useSubmit.ts'

/** Sending an alert back to its author with a reason (a scheduled one is thereby withdrawn). */
export function SendBackForm({
  alertId,
  version,
  submit,
  onDone,
  label,
}: {
  readonly alertId: string
  readonly version: number
  /** The busy flag and error shared with the other steps on the alert. */
  readonly submit: Submit
  readonly onDone: (alert: AlertRecord) => void
  readonly label: string
}) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const sendBack = () => {
    if (reason.trim() === '') {
      setProblem(t('reasons.alert_reason_missing'))
      return
    }
    setProblem(null)
    void submit.run(async () => onDone(await returnAlert(alertId, version, reason.trim())))
  }
  return (
    <>
      <TextAreaField
        label={t('alerts.returnReason')}
        value={reason}
        onChange={setReason}
        error={problem}
        rows={2}
      />
      <button type="button" className="button" aria-disabled={submit.busy || undefined} onClick={sendBack}>
        {label}
      </button>
    </>
  )
}
