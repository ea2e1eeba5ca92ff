import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanDocument } from '../api/dutyApi.ts'
import { listPlanDocuments } from '../api/dutyApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { PlanDocumentLink } from './PlanDocumentLink.tsx'

/** When a version of a plan's document was uploaded, and by whom. */
export function UploadedBy({ document }: { readonly document: PlanDocument }) {
  const { t } = useTranslation()
  return (
    <>
      {t('plans.uploadedAt')} <DateTime value={document.uploadedAt} />{' '}
      {t('plans.uploadedBy', { name: document.uploadedByName })}
    </>
  )
}

/**
 * "Earlier versions" of a plan's document: a disclosure that loads the list when opened (and
 * again when the current document changes while it is open).
 */
export function PlanDocumentVersions({
  planId,
  planTitle,
  currentDocumentId,
}: {
  readonly planId: string
  readonly planTitle: string
  readonly currentDocumentId: string | null
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [state, setState] = useState<{ items: readonly PlanDocument[] | null; error: unknown }>({
    items: null,
    error: null,
  })

  useEffect(() => {
    if (!open) return
    let current = true
    listPlanDocuments(planId).then(
      (answer) => current && setState({ items: answer.items, error: null }),
      (error: unknown) => current && setState((s) => ({ ...s, error })),
    )
    return () => {
      current = false
    }
  }, [open, planId, currentDocumentId])

  const earlier = (state.items ?? []).filter((d) => d.id !== currentDocumentId)
  return (
    <details className="plan-versions" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t('plans.earlierVersions')}
        <span className="visually-hidden"> — {planTitle}</span>
      </summary>
      {state.error !== null && <ErrorAlert error={state.error} />}
      {open && state.items === null && state.error === null && <p role="status">{t('app.loading')}</p>}
      {state.items && earlier.length === 0 && <p className="muted">{t('plans.noEarlier')}</p>}
      {earlier.length > 0 && (
        <ul className="plain-list" data-testid="plan-document-versions">
          {earlier.map((d) => (
            <li key={d.id}>
              <PlanDocumentLink document={d} />
              <br />
              <span className="muted">
                <UploadedBy document={d} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  )
}
