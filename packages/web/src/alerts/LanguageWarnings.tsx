import type { AlertLanguage } from '@liaison/core'
import { expectedAlertLanguages, missingAlertLanguages } from '@liaison/core'
import { useTranslation } from 'react-i18next'
import type { AreaCheckResult } from '../api/alertsApi.ts'
import type { AreaDraft } from './alertForm.ts'
import { circleOf, ringOf } from './alertForm.ts'

/** The languages the area expects that the alert is not written in (../shared/DOMAIN.md), each with a button to add it. */
export function LanguageWarnings({
  area,
  check,
  written,
  onAdd,
}: {
  readonly area: AreaDraft
  readonly check: AreaCheckResult | null
  readonly written: readonly AlertLanguage[]
  readonly onAdd: (language: AlertLanguage) => void
}) {
  const { t } = useTranslation()
  const drawn = ringOf(area) !== null || circleOf(area) !== null
  const expected = expectedAlertLanguages({
    codes: area.codes,
    drawnCountries: drawn && check ? check.countries : [],
    borders: check ? [...check.crosses, ...(check.nearest ? [check.nearest.border] : [])] : [],
  })
  const missing = missingAlertLanguages(expected, written)
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
    </div>
  )
}
