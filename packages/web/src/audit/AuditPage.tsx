import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditRow } from '../api/auditApi.ts'
import { listAudit } from '../api/auditApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { OutcomeMark } from './OutcomeMark.tsx'

interface Pages {
  readonly rows: readonly AuditRow[]
  /** The `before` of the next page; null once the oldest row is shown. */
  readonly nextBefore: number | null
}

/** The organisation's audit, newest first, fifty rows at a time. */
export function AuditPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const [pages, setPages] = useState<Pages | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)

  const load = async (before?: number): Promise<void> => {
    setLoading(true)
    setError(null)
    try {
      const page = await listAudit(before)
      setPages((shown) => ({
        rows: before === undefined || !shown ? page.items : [...shown.rows, ...page.items],
        nextBefore: page.nextBefore,
      }))
    } catch (caught) {
      setError(caught)
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    void load()
  }, [])

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      {error !== null && <ErrorAlert error={error} />}
      {!pages && loading && <p role="status">{t('app.loading')}</p>}
      {pages && (
        <>
          <table className="table table-dense" data-testid="audit-table">
            <caption>{t('audit.caption', { organisation: me.organisation.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.seq')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.outcome')}</th>
                <th scope="col">{t('audit.code')}</th>
                <th scope="col">{t('audit.source')}</th>
              </tr>
            </thead>
            <tbody>
              {pages.rows.length === 0 && (
                <tr>
                  <td colSpan={8}>{t('audit.empty')}</td>
                </tr>
              )}
              {pages.rows.map((row) => (
                <tr key={row.seq} className={row.outcome === 'ok' ? undefined : `row-${row.outcome}`}>
                  <td className="numeric">{row.seq}</td>
                  <td>
                    <DateTime value={row.at} />
                  </td>
                  <td>{row.actor}</td>
                  <td>
                    <code>{row.action}</code>
                    {row.selfGranted && (
                      <>
                        {' '}
                        <span className="tag tag-warning" data-testid="audit-self-granted">
                          {t('audit.selfGranted', { roles: row.selfGranted.join(', ') })}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="wrap-anywhere">{row.target ?? ''}</td>
                  <td>
                    <OutcomeMark outcome={row.outcome} />
                  </td>
                  <td>{row.code ? <code>{row.code}</code> : ''}</td>
                  <td>{row.source ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LiveStatus message={t('audit.shown', { total: pages.rows.length })} quiet />
          {pages.nextBefore !== null ? (
            <button
              type="button"
              className="button"
              aria-disabled={loading || undefined}
              onClick={() => {
                if (!loading && pages.nextBefore !== null) void load(pages.nextBefore)
              }}
              data-testid="audit-load-older"
            >
              {loading ? t('audit.loading') : t('audit.loadOlder')}
            </button>
          ) : (
            pages.rows.length > 0 && <p className="muted">{t('audit.noOlder')}</p>
          )}
        </>
      )}
    </>
  )
}
