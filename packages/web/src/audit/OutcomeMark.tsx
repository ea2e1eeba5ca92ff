import { useTranslation } from 'react-i18next'
import type { AuditOutcome } from '../api/auditApi.ts'

/** The outcome of an audit row, marked by a symbol and a word as well as by colour. */
const symbols: Readonly<Record<AuditOutcome, string>> = { ok: '✓', refused: '⊘', failed: '✕' }

export function OutcomeMark({ outcome }: { readonly outcome: AuditOutcome }) {
  const { t } = useTranslation()
  return (
    <span className={`outcome outcome-${outcome}`}>
      <span aria-hidden="true">{symbols[outcome]} </span>
      {outcome === 'ok' ? t('outcome.ok') : <strong>{t(`outcome.${outcome}`)}</strong>}
    </span>
  )
}
