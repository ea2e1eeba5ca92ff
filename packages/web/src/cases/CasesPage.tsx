import type { CaseState, CaseStatus } from '@liaison/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CasePage } from '../api/casesApi.ts'
import { listCases } from '../api/casesApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { CaseTable } from './CaseTable.tsx'
import { withCasePage } from './casePages.ts'
import { caseStates, caseStatuses } from '@liaison/core'

const filterOf = (
  state: CaseState | '',
  status: CaseStatus | '',
): { state?: CaseState; status?: CaseStatus } => ({
  ...(state ? { state } : {}),
  ...(status ? { status } : {}),
})

/**
 * Every case the organisation sees, filtered by state and status (by the node, so that a filter
 * finds cases beyond the first page), latest start first, a page at a time; actual cases apart
 * from exercises and tests.
 */
export function CasesPage() {
  const { t } = useTranslation()
  const [state, setState] = useState<CaseState | ''>('')
  const [status, setStatus] = useState<CaseStatus | ''>('')
  const [cases, setCases] = useState<CasePage | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let current = true
    setCases(null)
    setLoading(true)
    setError(null)
    listCases(filterOf(state, status)).then(
      (page) => {
        if (!current) return
        setCases(page)
        setLoading(false)
      },
      (caught: unknown) => {
        if (!current) return
        setError(caught)
        setLoading(false)
      },
    )
    return () => {
      current = false
    }
  }, [state, status])

  const showMore = async (): Promise<void> => {
    if (loading || !cases?.next) return
    setLoading(true)
    setError(null)
    try {
      const page = await listCases({ ...filterOf(state, status), after: cases.next })
      setCases((shown) => withCasePage(shown, page))
    } catch (caught) {
      setError(caught)
    } finally {
      setLoading(false)
    }
  }

  const shown = cases?.items ?? []
  const actual = shown.filter((c) => c.status === 'actual')
  const practice = shown.filter((c) => c.status !== 'actual')
  return (
    <>
      <h1>{t('cases.title')}</h1>
      <div className="field-row" role="group" aria-label={t('cases.filterLabel')}>
        <SelectField
          label={t('cases.state')}
          value={state}
          options={[
            { value: '', label: t('cases.any') },
            ...caseStates.map((s) => ({ value: s, label: t(`caseStates.${s}`) })),
          ]}
          onChange={(value) => setState(caseStates.find((s) => s === value) ?? '')}
        />
        <SelectField
          label={t('cases.status')}
          value={status}
          options={[
            { value: '', label: t('cases.any') },
            ...caseStatuses.map((s) => ({ value: s, label: t(`caseStatuses.${s}`) })),
          ]}
          onChange={(value) => setStatus(caseStatuses.find((s) => s === value) ?? '')}
        />
      </div>
      {error !== null && <ErrorAlert error={error} />}
      {loading && !cases && <p role="status">{t('app.loading')}</p>}
      {cases && shown.length === 0 && <p className="muted">{t('cases.none')}</p>}
      {actual.length > 0 && (
        <CaseTable cases={actual} caption={t('dutyDesk.actualCaption')} testId="cases-actual" />
      )}
      {practice.length > 0 && (
        <CaseTable cases={practice} caption={t('dutyDesk.practiceCaption')} testId="cases-practice" />
      )}
      <LiveStatus message={cases ? t('cases.shown', { number: shown.length }) : null} quiet />
      {cases?.next && (
        <button
          type="button"
          className="button"
          aria-disabled={loading || undefined}
          onClick={() => void showMore()}
          data-testid="cases-show-more"
        >
          {loading ? t('app.loading') : t('cases.showMore')}
        </button>
      )}
    </>
  )
}
