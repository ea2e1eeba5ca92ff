import { useTranslation } from 'react-i18next'
import { describeError, errorExplanation } from '../i18n/describeError.ts'

export interface ErrorAlertProps {
  readonly error: unknown
  readonly id?: string
  /** Also show the node's own explanation (in English): which field, which rule. */
  readonly explain?: boolean
  /** Says what went wrong better than the error code's sentence does. */
  readonly message?: string
  readonly testId?: string
}

/** An error, announced as soon as it appears. */
export function ErrorAlert({ error, id, explain = true, message, testId }: ErrorAlertProps) {
  const { t, i18n } = useTranslation()
  const lines = explain ? errorExplanation(error) : []
  return (
    <div role="alert" id={id} className="alert alert-error" data-testid={testId}>
      <p>{message ?? describeError(error, t, i18n.language)}</p>
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
