import { useTranslation } from 'react-i18next'
import { describeError, errorExplanation } from '../i18n/describeError.ts'

export interface ErrorAlertProps {
  readonly error: unknown
  readonly id?: string
  /** Also show the node's own explanation (in English): which field, which rule. */
  readonly explain?: boolean
}

/** An error, announced as soon as it appears. */
export function ErrorAlert({ error, id, explain = true }: ErrorAlertProps) {
  const { t, i18n } = useTranslation()
  const lines = explain ? errorExplanation(error) : []
  return (
    <div role="alert" id={id} className="alert alert-error">
      <p>{describeError(error, t, i18n.language)}</p>
      {lines.length > 0 && (
        <>
          <p className="alert-detail-heading">{t('app.serverSays')}</p>
          <ul className="alert-details" lang="en">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
