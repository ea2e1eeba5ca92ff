import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { activatePlan, listCasePlans, listPlans } from '../api/dutyApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { caseIdOf, useLiveEvents } from '../live/liveStream.ts'
import { hrefOf } from '../router/useHashRoute.ts'
import { PlanDocumentLink } from './PlanDocumentLink.tsx'

/** The plans a case activated, each with its current document, and a select to activate one more. */
export function CasePlansPanel({
  caseId,
  mayActivate,
}: {
  readonly caseId: string
  readonly mayActivate: boolean
}) {
  const { t } = useTranslation()
  const headingId = useId()
  const active = useLoad(() => listCasePlans(caseId))
  const library = useLoad(listPlans)
  const [choice, setChoice] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const activeIds = new Set((active.data?.items ?? []).map((p) => p.id))
  const available = (library.data?.items ?? []).filter((p) => !activeIds.has(p.id))
  const reloadActive = useDebounced(active.reload)
  const reloadLibrary = useDebounced(library.reload)

  useLiveEvents((event) => {
    // a plan activated here from another browser, or a plan changed or given a new document
    if (event.kind === 'case.updated' && caseIdOf(event) === caseId) reloadActive()
    if (event.kind === 'plan.saved') {
      reloadLibrary()
      if (typeof event.body.planId === 'string' && activeIds.has(event.body.planId)) reloadActive()
    }
  })

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    const plan = available.find((p) => p.id === choice)
    if (!plan) return
    setError(null)
    try {
      await activatePlan(caseId, plan.id)
      setChoice('')
      setStatus(t('plans.activated', { title: plan.title }))
      active.reload()
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <section aria-labelledby={headingId} className="case-panel">
      <h2 id={headingId}>{t('plans.caseTitle')}</h2>
      <LiveStatus message={status} />
      {active.error !== null && <ErrorAlert error={active.error} />}
      {active.data && active.data.items.length === 0 && <p className="muted">{t('plans.noneActive')}</p>}
      {active.data && active.data.items.length > 0 && (
        <ul className="plain-list" data-testid="case-plans">
          {active.data.items.map((p) => (
            <li key={p.id}>
              <strong>{p.title}</strong> <span className="muted">v{p.version}</span> ·{' '}
              {t('plans.activatedAt')} <DateTime value={p.activatedAt} />
              {p.currentDocument && (
                <>
                  <br />
                  {t('plans.currentDocument')} <PlanDocumentLink document={p.currentDocument} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayActivate && available.length > 0 && (
        <form className="inline-form" onSubmit={(e) => void submit(e)}>
          <SelectField
            label={t('plans.activate')}
            value={choice}
            options={[
              { value: '', label: t('plans.choose') },
              ...available.map((p) => ({ value: p.id, label: `${p.title} (v${p.version})` })),
            ]}
            onChange={setChoice}
          />
          <button type="submit" className="button" aria-disabled={choice === '' || undefined}>
            {t('plans.activateButton')}
          </button>
          {error !== null && <ErrorAlert error={error} />}
        </form>
      )}
      {mayActivate && library.data && library.data.items.length === 0 && (
        <p className="muted">
          {t('plans.libraryEmpty')} <a href={hrefOf('plans')}>{t('nav.plans')}</a>
        </p>
      )}
    </section>
  )
}
