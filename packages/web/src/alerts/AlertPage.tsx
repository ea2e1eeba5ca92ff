import type { Permission } from '@liaison/core'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AlertDetail, AlertRecord, CapMessage } from '../api/alertsApi.ts'
import { fetchAlert, issueAlertAlone, startCorrection, submitAlert } from '../api/alertsApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { useSubmit } from '../hooks/useSubmit.ts'
import { alertHref } from '../router/useHashRoute.ts'
import { OutcomeMark } from '../audit/OutcomeMark.tsx'
import { AlertContentView } from './AlertContentView.tsx'
import { AlertProposalsSent } from './AlertProposalsSent.tsx'
import { LanguageOverrideNotice } from './LanguageOverrideNotice.tsx'
import { AlertStatusBanner } from './AlertStatusBanner.tsx'
import { ApprovalPanel } from './ApprovalPanel.tsx'
import { SendBackForm } from './SendBackForm.tsx'
import { headlineOf } from './alertText.ts'

/** The CAP XML as a file to open or save, its address made in the browser (no second request). */
function IssuedXmlLink({ xml, id }: { readonly xml: string; readonly id: string }) {
  const { t } = useTranslation()
  const href = useMemo(() => URL.createObjectURL(new Blob([xml], { type: 'application/xml' })), [xml])
  useEffect(() => () => URL.revokeObjectURL(href), [href])
  return (
    <section aria-labelledby="alert-xml">
      <h2 id="alert-xml">{t('alerts.issuedXml')}</h2>
      <p>
        <a href={href} download={`alert-${id}.xml`} data-testid="alert-xml-link">
          {t('alerts.downloadXml')}
        </a>
      </p>
      <details>
        <summary>{t('alerts.showXml')}</summary>
        <pre className="xml" data-testid="alert-xml">
          {xml}
        </pre>
      </details>
    </section>
  )
}

/**
 * One alert: its status across the top, where it is in its life, what it says, the steps its
 * state allows the signed-in person, every saved version and its whole history.
 */
export function AlertPage({
  alertId,
  permissions,
}: {
  readonly alertId: string
  readonly permissions: readonly Permission[]
}) {
  const { t } = useTranslation()
  const loaded = useLoad(() => fetchAlert(alertId))
  const [replaced, setReplaced] = useState<CapMessage | null>(null)
  const step = useSubmit()
  const detail = loaded.data
  const replacesId = detail?.alert.replacesId ?? null

  useEffect(() => {
    if (replacesId === null) return
    let current = true
    fetchAlert(replacesId).then(
      (d: AlertDetail) => current && setReplaced(d.alert.cap),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [replacesId])

  if (!detail) {
    return (
      <>
        <h1>{t('nav.alert')}</h1>
        {loaded.error !== null && <ErrorAlert error={loaded.error} />}
        {loaded.loading && <p role="status">{t('app.loading')}</p>}
      </>
    )
  }
  const { alert } = detail
  const mayDraft = permissions.includes('alerts.draft')
  const mayApprove = permissions.includes('alerts.approve')
  const editable = alert.state === 'draft' || alert.state === 'returned'
  const after = (next: AlertRecord) => {
    if (next.id === alert.id) loaded.reload()
    else window.location.hash = next.cap.msgType === 'Update' ? alertHref(next.id, true) : alertHref(next.id)
  }

  return (
    <>
      <AlertStatusBanner status={alert.cap.status} />
      <h1 data-testid="alert-headline">{headlineOf(alert.cap) || t('alerts.noHeadline')}</h1>
      <dl className="facts" data-testid="alert-facts">
        <dt>{t('alerts.state')}</dt>
        <dd data-testid="alert-state">{t(`alertStates.${alert.state}`)}</dd>
        <dt>{t('alerts.version')}</dt>
        <dd>{alert.version}</dd>
        {alert.issuedAt && (
          <>
            <dt>{t('alerts.issuedAt')}</dt>
            <dd>
              <DateTime value={alert.issuedAt} />
            </dd>
          </>
        )}
        {alert.issueAt && alert.state === 'approved' && (
          <>
            <dt>{t('alerts.issueAt')}</dt>
            <dd>
              <DateTime value={alert.issueAt} />
            </dd>
          </>
        )}
        {alert.issuedAlone && (
          <>
            <dt>{t('alerts.issuedAlone')}</dt>
            <dd data-testid="alert-issued-alone">{t(`issueExceptions.${alert.issuedAlone}`)}</dd>
          </>
        )}
        {alert.returnedReason && alert.state === 'returned' && (
          <>
            <dt>{t('alerts.returnedReason')}</dt>
            <dd>{alert.returnedReason}</dd>
          </>
        )}
        {alert.replacesId && (
          <>
            <dt>{t('alerts.replaces')}</dt>
            <dd>
              <a href={alertHref(alert.replacesId)}>{t('alerts.replacedAlert')}</a>
            </dd>
          </>
        )}
        {detail.replacedBy.length > 0 && (
          <>
            <dt>{t('alerts.replacedBy')}</dt>
            <dd>
              {detail.replacedBy.map((id, i) => (
                <a key={id} href={alertHref(id)}>
                  {t('alerts.replacement', { number: i + 1 })}{' '}
                </a>
              ))}
            </dd>
          </>
        )}
      </dl>

      {step.error !== null && <ErrorAlert error={step.error} testId="alert-step-error" />}
      <div className="button-row" data-testid="alert-actions">
        {editable && (mayDraft || mayApprove) && (
          <>
            <a className="button" href={alertHref(alert.id, true)}>
              {t('alerts.edit')}
            </a>
            <button
              type="button"
              className="button button-primary"
              aria-disabled={step.busy || undefined}
              onClick={() => void step.run(async () => after(await submitAlert(alert.id, alert.version)))}
            >
              {t('alerts.submit')}
            </button>
          </>
        )}
        {alert.state === 'draft' && alert.exception !== null && mayApprove && (
          <button
            type="button"
            className="button button-primary"
            aria-disabled={step.busy || undefined}
            onClick={() => {
              const exception = alert.exception
              if (exception !== null)
                void step.run(async () => after(await issueAlertAlone(alert.id, alert.version, exception)))
            }}
          >
            {t(`alerts.issueAlone.${alert.exception}`)}
          </button>
        )}
        {alert.state === 'issued' && (mayDraft || mayApprove) && (
          <>
            <button
              type="button"
              className="button"
              aria-disabled={step.busy || undefined}
              onClick={() => void step.run(async () => after(await startCorrection(alert.id, 'Update')))}
            >
              {t('alerts.correct')}
            </button>
            <button
              type="button"
              className="button button-danger"
              aria-disabled={step.busy || undefined}
              onClick={() => void step.run(async () => after(await startCorrection(alert.id, 'Cancel')))}
            >
              {t('alerts.cancelAlert')}
            </button>
          </>
        )}
      </div>
      {alert.state === 'draft' && alert.exception !== null && mayApprove && (
        <p className="muted">{t('alerts.issueAloneHint')}</p>
      )}

      {alert.state === 'submitted' && mayApprove && (alert.replacesId === null || replaced !== null) && (
        <ApprovalPanel detail={detail} replaced={replaced} onDone={() => loaded.reload()} />
      )}

      {alert.state === 'approved' && mayApprove && (
        <section className="card" aria-labelledby="alert-withdraw" data-testid="withdraw-panel">
          <h2 id="alert-withdraw">{t('alerts.withdrawTitle')}</h2>
          <p>{t('alerts.withdrawIntro')}</p>
          <SendBackForm
            alertId={alert.id}
            version={alert.version}
            submit={step}
            onDone={() => loaded.reload()}
            label={t('alerts.withdraw')}
          />
        </section>
      )}

      <LanguageOverrideNotice override={alert.languageOverride} />

      <h2>{t('alerts.content')}</h2>
      <AlertContentView cap={alert.cap} channels={alert.channels} />

      <AlertProposalsSent alertId={alert.id} />

      {detail.issuedXml !== null && <IssuedXmlLink xml={detail.issuedXml} id={alert.id} />}

      <h2 id="alert-versions">{t('alerts.versions')}</h2>
      <table className="table" aria-labelledby="alert-versions" data-testid="alert-versions">
        <thead>
          <tr>
            <th scope="col">{t('alerts.version')}</th>
            <th scope="col">{t('alerts.savedAt')}</th>
            <th scope="col">{t('alerts.savedBy')}</th>
            <th scope="col">{t('alerts.changed')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>
                <DateTime value={v.savedAt} />
              </td>
              <td>{v.savedByName}</td>
              <td className="mono">
                {v.changed.length === 0 ? t('alerts.firstSave') : v.changed.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="alert-history">{t('alerts.history')}</h2>
      <table className="table" aria-labelledby="alert-history" data-testid="alert-history">
        <thead>
          <tr>
            <th scope="col">{t('alerts.at')}</th>
            <th scope="col">{t('alerts.actor')}</th>
            <th scope="col">{t('alerts.action')}</th>
            <th scope="col">{t('alerts.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.history.map((h, i) => (
            <tr key={i}>
              <td>
                <DateTime value={h.at} />
              </td>
              <td>{h.actor}</td>
              <td className="mono">{h.action}</td>
              <td>
                <OutcomeMark outcome={h.outcome} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
