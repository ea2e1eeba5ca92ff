import { useTranslation } from 'react-i18next'
import type { AlertRecord } from '../api/alertsApi.ts'

/** For the approver: the languages the author sends the alert without, though its area expects them, and why. */
export function LanguageOverrideNotice({ override }: { readonly override: AlertRecord['languageOverride'] }) {
  const { t } = useTranslation()
  if (!override) return null
  return (
    <div className="alert alert-warning" role="note" data-testid="language-override">
      <p>
        {t('alerts.languageWarnings.overridden', {
          languages: override.languages.map((l) => t(`alertLanguages.${l}`, { defaultValue: l })).join(', '),
        })}
      </p>
      <p>{override.reason}</p>
    </div>
  )
}
