import type { AlertLanguage } from '@liaison/core'
import { useTranslation } from 'react-i18next'
import type { AreaCheckResult } from '../api/alertsApi.ts'
import { TextAreaField } from '../components/TextAreaField.tsx'
import type { AreaDraft } from './alertForm.ts'
import { missingLanguagesOf } from './missingLanguagesOf.ts'

/**
 * The languages the area expects that the alert is not written in (../shared/DOMAIN.md), each
 * with a button to add it, and the reason the author sends it without them (an override the
 * approver sees, kept in the alert's history).
 */
export function LanguageWarnings({
  area,
  check,
  written,
  onAdd,
  reason,
  onReason,
}: {
  readonly area: AreaDraft
  readonly check: AreaCheckResult | null
  readonly written: readonly AlertLanguage[]
  readonly onAdd: (language: AlertLanguage) => void
  readonly reason: string
  readonly onReason: (reason: string) => void
}) {
  const { t } = useTranslation()
  const missing = missingLanguagesOf(area, check, written)
  if (missing.length === 0) return null
  return (
    <div className="alert alert-warning" role="status" data-testid="language-warnings">
      <p>{t('alerts.languageWarnings.heading')}</p>
      <ul>
        {missing.map((m) => (
          <li key={m.language} data-testid={`missing-language-${m.language}`}>
            {t(`alerts.languageWarnings.${m.reason}`, {
              language: t(`alertLanguages.${m.language}`),
              where: m.where,
            })}{' '}
            <button type="button" className="button button-small" onClick={() => onAdd(m.language)}>
              {t('alerts.languageWarnings.add', { language: t(`alertLanguages.${m.language}`) })}
            </button>
          </li>
        ))}
      </ul>
      <TextAreaField
        label={t('alerts.languageWarnings.overrideReason')}
        hint={t('alerts.languageWarnings.overrideHint')}
        value={reason}
        onChange={onReason}
        rows={2}
        testId="language-override-reason"
      />
    </div>
  )
}
