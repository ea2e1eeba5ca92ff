import { Suspense, lazy, useCallback, useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardSource, WarningRecord } from '../api/warningsApi.ts'
import { listWarningsInForce } from '../api/warningsApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { SelectField } from '../components/SelectField.tsx'
import { inOrAround, warningFeatures } from './warningFeatures.ts'

// MapLibre is large: it loads with the board, not with the sign-in page.
const BeneluxMap = lazy(async () => ({ default: (await import('../map/BeneluxMap.tsx')).BeneluxMap }))

const idOf = (w: WarningRecord): string => w.id

/** The info block shown: the first in the reader's language, else the first. */
function shownInfo(warning: WarningRecord, language: string): WarningRecord['info'][number] | undefined {
  return warning.info.find((i) => i.language.toLowerCase().startsWith(language)) ?? warning.info[0]
}

/**
 * Other authorities' warnings in force (decision 031), as the duty desk's board: issuer, event,
 * severity, valid from and until, area; a source that is stale or failing is said in words, and
 * so is each warning that comes from one. Read again every minute: warnings run out by the clock.
 */
export function WarningsBoard({ country }: { readonly country: string }) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const [sources, setSources] = useState<readonly BoardSource[]>([])
  const load = useCallback(async (after?: string) => {
    const page = await listWarningsInForce(after)
    setSources(page.sources)
    return page
  }, [])
  const warnings = usePages(load, idOf)
  const { refresh } = warnings
  useEffect(() => {
    const timer = setInterval(refresh, 60_000)
    return () => clearInterval(timer)
  }, [refresh])
  const [territory, setTerritory] = useState<'around' | 'all'>('around')
  const language = i18n.language.slice(0, 2)
  const items = warnings.data?.items
  const shown = useMemo(
    () => (items ?? []).filter((w) => territory === 'all' || inOrAround(w, country)),
    [items, territory, country],
  )
  const features = useMemo(() => warningFeatures(shown), [shown])
  const hidden = (items?.length ?? 0) - shown.length
  const notCurrent = sources.filter((s) => s.state === 'stale' || s.state === 'failing')

  return (
    <section aria-labelledby={headingId} className="desk-warnings" data-testid="warnings-in-force">
      <h2 id={headingId}>{t('warnings.title')}</h2>
      {notCurrent.length > 0 && (
        <div className="alert alert-warning" role="status">
          <p>{t('warnings.sourcesNotCurrent')}</p>
          <ul className="plain-list">
            {notCurrent.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong>: {t(`warnings.state.${s.state}`)}
                {s.lastAnsweredAt && (
                  <>
                    {' · '}
                    {t('warnings.lastAnswered')} <DateTime value={s.lastAnsweredAt} />
                  </>
                )}
                {s.lastError && (
                  <>
                    {' · '}
                    {t('warnings.lastError')}: {s.lastError}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.error !== null && <ErrorAlert error={warnings.error} />}
      {warnings.loading && !warnings.data && <p role="status">{t('app.loading')}</p>}
      {warnings.data && warnings.data.items.length === 0 && <p className="muted">{t('warnings.none')}</p>}
      {warnings.data && warnings.data.items.length > 0 && (
        <>
          <SelectField
            label={t('warnings.territory')}
            value={territory}
            options={[
              {
                value: 'around',
                label: t('warnings.territoryAround', {
                  country: t(`countries.${country}`, { defaultValue: country }),
                }),
              },
              { value: 'all', label: t('warnings.territoryAll') },
            ]}
            onChange={(v) => setTerritory(v === 'all' ? 'all' : 'around')}
            testId="warnings-territory"
          />
          {hidden > 0 && (
            <p className="muted" data-testid="warnings-hidden">
              {t('warnings.hidden', { count: hidden })}
            </p>
          )}
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <BeneluxMap features={features} compact />
          </Suspense>
        </>
      )}
      {warnings.data && shown.length > 0 && (
        <div className="table-scroll">
          <table className="table table-dense">
            <caption>{t('warnings.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('warnings.issuer')}</th>
                <th scope="col">{t('warnings.event')}</th>
                <th scope="col">{t('warnings.severity')}</th>
                <th scope="col">{t('warnings.validFrom')}</th>
                <th scope="col">{t('warnings.validUntil')}</th>
                <th scope="col">{t('warnings.area')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((w) => {
                const info = shownInfo(w, language)
                const from = info?.onset ?? info?.effective ?? w.sent
                return (
                  <tr key={w.id}>
                    <td>
                      {w.issuer}
                      {w.sourceStale && (
                        <>
                          {' '}
                          <span className="tag tag-warning">{t('warnings.staleTag')}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {info?.event}
                      {w.msgType === 'Update' && <span className="muted"> ({t('warnings.updated')})</span>}
                      {info?.headline && (
                        <>
                          <br />
                          <span className="muted">{info.headline}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {info ? t(`warnings.severities.${info.severity}`, { defaultValue: info.severity }) : ''}
                    </td>
                    <td>
                      <DateTime value={from} />
                    </td>
                    <td>
                      {info?.expires ? <DateTime value={info.expires} /> : t('warnings.untilCancelled')}
                    </td>
                    <td>{info?.areas.map((a) => a.areaDesc).join('; ')}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <ShowMore
        next={warnings.data?.next ?? null}
        loading={warnings.loading}
        onMore={warnings.more}
        list={t('warnings.title')}
        testId="warnings-in-force"
      />
    </section>
  )
}
