import type { CaseState, CaseStatus } from '@liaison/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listCases } from '../api/casesApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { CaseTable } from './CaseTable.tsx'
import { caseStates, caseStatuses } from './caseVocabulary.ts'

/** Every case the organisation sees, filtered by state; actual cases apart from exercises and tests. */
export function CasesPage() {
  const { t } = useTranslation()
  const cases = useLoad(() => listCases())
  const [state, setState] = useState<CaseState | ''>('')
  const [status, setStatus] = useState<CaseStatus | ''>('')
  const shown = (cases.data?.items ?? []).filter(
    (c) => (state === '' || c.state === state) && (status === '' || c.status === status),
  )
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
      {cases.error !== null && <ErrorAlert error={cases.error} />}
      {cases.loading && !cases.data && <p role="status">{t('app.loading')}</p>}
      {cases.data && shown.length === 0 && <p className="muted">{t('cases.none')}</p>}
      {actual.length > 0 && (
        <CaseTable cases={actual} caption={t('dutyDesk.actualCaption')} testId="cases-actual" />
      )}
      {practice.length > 0 && (
        <CaseTable cases={practice} caption={t('dutyDesk.practiceCaption')} testId="cases-practice" />
      )}
    </>
  )
}
