import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Explanation, ExplainRequest } from '../api/sharingApi.ts'
import { explainSharing } from '../api/sharingApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'

export interface ExplainPanelProps {
  /** The draft: what the item would say about itself. */
  readonly draft: ExplainRequest
}

/**
 * Before sharing: each organisation, whether it will see the item and the rule that decides, in
 * the reader's language (core's admission reasons, web i18n `admission`). Asked only when opened.
 */
export function ExplainPanel({ draft }: ExplainPanelProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const [open, setOpen] = useState(false)
  const [answer, setAnswer] = useState<Explanation | null>(null)
  const [error, setError] = useState<unknown>(null)
  const key = JSON.stringify(draft)

  useEffect(() => {
    if (!open) return
    let current = true
    setAnswer(null)
    setError(null)
    explainSharing(JSON.parse(key) as ExplainRequest).then(
      (a) => current && setAnswer(a),
      (e: unknown) => current && setError(e),
    )
    return () => {
      current = false
    }
  }, [open, key])

  return (
    <div className="explain-panel">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="explain-toggle"
      >
        {t('explain.show')}
      </button>
      {open && (
        <section aria-labelledby={headingId} data-testid="explain-panel">
          <h3 id={headingId}>{t('explain.title')}</h3>
          <p>{t('explain.intro')}</p>
          {error !== null && <ErrorAlert error={error} />}
          {answer === null && error === null && <p aria-live="polite">{t('explain.loading')}</p>}
          {answer && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('explain.organisation')}</th>
                  <th scope="col">{t('explain.node')}</th>
                  <th scope="col">{t('explain.verdict')}</th>
                  <th scope="col">{t('explain.why')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.organisations.map((o) => (
                  <tr key={o.id} data-testid={`explain-${o.code}`}>
                    <td>{o.name}</td>
                    <td>{o.nodeId}</td>
                    <td>{o.sees ? t('explain.sees') : t('explain.notSees')}</td>
                    <td>
                      {t(`admission.${o.reason}`)}
                      {o.through === 'share' && ` (${t('explain.throughShare')})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {answer && answer.peers.length > 0 && (
            <>
              <h4>{t('explain.peers')}</h4>
              <ul>
                {answer.peers.map((p) => (
                  <li key={p.nodeId}>
                    {p.nodeId}: {p.receives ? t('explain.receives') : t('explain.notReceives')} —{' '}
                    {t(`admission.${p.reason}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  )
}
