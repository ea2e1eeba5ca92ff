import type { CaseState, CaseStatus } from '@liaison/core'
import { useTranslation } from 'react-i18next'

/** ACTUAL, EXERCISE or TEST, in words and with a distinct frame: never told by colour alone. */
export function StatusBadge({ status }: { readonly status: CaseStatus }) {
  const { t } = useTranslation()
  return (
    <span className={`case-status case-status-${status}`} data-testid="case-status">
      {t(`caseStatuses.${status}`)}
    </span>
  )
}

export function StateTag({ state }: { readonly state: CaseState }) {
  const { t } = useTranslation()
  return <span className={state === 'open' ? 'tag' : 'tag tag-muted'}>{t(`caseStates.${state}`)}</span>
}
