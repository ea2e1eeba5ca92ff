import { useTranslation } from 'react-i18next'
import { listAudit } from '../api/auditApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { OutcomeMark } from './OutcomeMark.tsx'

/** The organisation's audit, newest first, fifty rows at a time, more as the officer scrolls. */
export function AuditPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const audit = usePages(listAudit, (row) => String(row.seq))
  const pages = audit.data ? { rows: audit.data.items, next: audit.data.next } : null
  const { loading, error } = audit

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
          {pages.next !== null ? (
            <ShowMore
              next={pages.next}
              loading={loading}
              onMore={audit.more}
              list={t('audit.title')}
              testId="audit"
            />
          ) : (
            pages.rows.length > 0 && <p className="muted">{t('audit.noOlder')}</p>
          )}
        </>
      )}
    </>
  )
}
