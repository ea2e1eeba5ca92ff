import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AlertDetail, AlertRecord, CapMessage } from '../api/alertsApi.ts'
import { approveAlert } from '../api/alertsApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import { fromBrusselsLocal } from '../i18n/brusselsTime.ts'
import { AlertContentView } from './AlertContentView.tsx'
import { SendBackForm } from './SendBackForm.tsx'
import { changedFields } from './alertDiff.ts'

/**
 * What a second person approves: the submitted version against the alert it replaces (each
 * changed field, before and after), or the whole alert for a first one; approve now or at a
 * time, or send it back with a reason. A refusal (the same person) is shown with its sentence.
 */
export function ApprovalPanel({
  detail,
  replaced,
  onDone,
}: {
  readonly detail: AlertDetail
  /** The issued alert a correction or cancellation replaces; null for a first alert. */
  readonly replaced: CapMessage | null
  readonly onDone: (alert: AlertRecord) => void
}) {
  const { t } = useTranslation()
  const { alert } = detail
  const submit = useSubmit()
  const [issueAt, setIssueAt] = useState('')
  const [issueAtProblem, setIssueAtProblem] = useState<string | null>(null)
  const version = alert.submittedVersion ?? alert.version
  const changes = replaced ? changedFields(replaced, alert.cap) : null

  const approve = (at: boolean) => {
    setIssueAtProblem(null)
    let when: string | undefined
    if (at) {
      const iso = fromBrusselsLocal(issueAt)
      if (iso === null) {
        setIssueAtProblem(t('alerts.issueAtRequired'))
        return
      }
      when = iso
    }
    void submit.run(async () => onDone(await approveAlert(alert.id, version, when)))
  }

  return (
    <section className="card" aria-labelledby={`approve-${alert.id}`} data-testid="approval-panel">
      <h2 id={`approve-${alert.id}`}>{t('alerts.toApprove', { version })}</h2>
      {changes === null ? (
        <>
          <p>{t('alerts.firstVersion')}</p>
          <AlertContentView cap={alert.cap} channels={alert.channels} />
        </>
      ) : changes.length === 0 ? (
        <p data-testid="alert-diff">{t('alerts.noChanges')}</p>
      ) : (
        <table className="table" data-testid="alert-diff">
          <caption>{t('alerts.diffCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alerts.field')}</th>
              <th scope="col">{t('alerts.before')}</th>
              <th scope="col">{t('alerts.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.path}>
                <th scope="row" className="mono">
                  {c.path}
                </th>
                <td>
                  <del className="prewrap">{c.before || t('alerts.absent')}</del>
                </td>
                <td>
                  <ins className="prewrap">{c.after || t('alerts.absent')}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {submit.error !== null && <ErrorAlert error={submit.error} testId="approval-error" />}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          aria-disabled={submit.busy || undefined}
          onClick={() => approve(false)}
        >
          {t('alerts.approveNow')}
        </button>
      </div>
      <div className="field-row">
        <TextField
          label={t('alerts.issueAt')}
          hint={t('alerts.issueAtHint')}
          type="datetime-local"
          value={issueAt}
          onChange={setIssueAt}
          error={issueAtProblem}
        />
        <button
          type="button"
          className="button"
          aria-disabled={submit.busy || undefined}
          onClick={() => approve(true)}
        >
          {t('alerts.approveAt')}
        </button>
      </div>
      <SendBackForm
        alertId={alert.id}
        version={version}
        submit={submit}
        onDone={onDone}
        label={t('alerts.sendBack')}
      />
    </section>
  )
}
