import type { CapStatus } from '@liaison/core'
import { useTranslation } from 'react-i18next'

/**
 * The alert's status across the top of every alert screen, in words: an Exercise or a Test can
 * never be taken for a real alert, and an Actual one says that it reaches the public.
 */
export function AlertStatusBanner({ status }: { readonly status: CapStatus | '' }) {
  const { t } = useTranslation()
  const kind = status === '' ? 'unchosen' : status.toLowerCase()
  return (
    <p
      className={`alert-status-banner alert-status-banner-${kind}`}
      role="note"
      data-testid="alert-status-banner"
    >
      <strong>{status === '' ? t('alerts.statusUnchosen') : t(`capStatuses.${status}`).toUpperCase()}</strong>{' '}
      {t(`alerts.statusBanner.${status === '' ? 'unchosen' : status}`)}
    </p>
  )
}

/** The status as a badge in a list row: the word and a frame of its own, never colour alone. */
export function AlertStatusBadge({ status }: { readonly status: CapStatus }) {
  const { t } = useTranslation()
  return (
    <span className={`case-status case-status-${status.toLowerCase()}`} data-testid="alert-status">
      {t(`capStatuses.${status}`).toUpperCase()}
    </span>
  )
}
