import { useTranslation } from 'react-i18next'

/** The closing row of a form: its submit button (marked busy while it runs) and Cancel. */
export function SubmitCancelRow({
  label,
  busy,
  onCancel,
}: {
  readonly label: string
  readonly busy: boolean
  readonly onCancel: () => void
}) {
  const { t } = useTranslation()
  return (
    <div className="button-row">
      <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
        {label}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('app.cancel')}
      </button>
    </div>
  )
}
