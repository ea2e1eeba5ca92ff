import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchOpenCasesMap } from '../api/dutyApi.ts'
import type { FeatureCollection } from '../api/dutyApi.ts'
import type { ReceivedFeatures } from '../api/incomingApi.ts'
import { fetchReceivedFeatures } from '../api/incomingApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { useLiveEvents } from '../live/liveStream.ts'
import { BeneluxMap } from './BeneluxMap.tsx'
import type { MapCollection } from './BeneluxMap.tsx'
import { originColour } from './beneluxMapStyle.ts'
import { FeatureList } from './FeatureList.tsx'

/** This node's open cases and features, with what partners sent (actual only) drawn in their colours. */
async function fetchDeskMap(): Promise<{ own: FeatureCollection; partners: ReceivedFeatures | null }> {
  const [own, partners] = await Promise.all([
    fetchOpenCasesMap(),
    // a partner's features are a plus: the map still shows this node's if they cannot be read
    fetchReceivedFeatures('actual').catch(() => null),
  ])
  return { own, partners }
}

/**
 * The duty desk map: every open case (its point) and the features drawn for it, with a list;
 * and the map features partner centres shared, in each origin's colour, listed with their origin.
 */
export function OpenCasesMap() {
  const { t } = useTranslation()
  const listId = useId()
  const partnersId = useId()
  const map = useLoad(fetchDeskMap)
  const reload = useDebounced(map.reload)
  useLiveEvents((event) => {
    if (
      event.kind.startsWith('map-feature.') ||
      event.kind.startsWith('case.') ||
      event.kind === 'receipt.recorded'
    )
      reload()
  })
  const features = map.data?.own.features ?? []
  const received = map.data?.partners?.features ?? []
  const data = map.data
  const drawnAll = useMemo(
    (): MapCollection | null =>
      data
        ? ({
            type: 'FeatureCollection',
            features: [...data.own.features, ...(data.partners?.features ?? [])],
          } as unknown as MapCollection)
        : null,
    [data],
  )
  const cases = features.filter((f) => f.properties.kind === 'case')
  const drawn = features.filter((f) => f.properties.kind !== 'case')
  const titleOf = (caseId: string): string => cases.find((c) => c.id === caseId)?.properties.label ?? ''

  return (
    <>
      {map.error !== null && <ErrorAlert error={map.error} />}
      <BeneluxMap features={drawnAll} />
      <section aria-labelledby={listId} className="map-list">
        <h2 id={listId}>{t('caseMap.openCasesTitle')}</h2>
        {map.data && features.length === 0 && <p className="muted">{t('caseMap.openCasesEmpty')}</p>}
        {cases.length > 0 && (
          <FeatureList features={cases} caption={t('caseMap.casesCaption')} testId="map-cases" showCase />
        )}
        {drawn.length > 0 && (
          <FeatureList
            features={drawn.map((f) => ({
              ...f,
              properties: {
                ...f.properties,
                label: `${f.properties.label} (${titleOf(f.properties.caseId)})`,
              },
            }))}
            caption={t('caseMap.featuresCaption')}
            testId="map-features"
            showCase
          />
        )}
      </section>
      {received.length > 0 && (
        <section aria-labelledby={partnersId} className="map-list">
          <h2 id={partnersId}>{t('incoming.mapTitle')}</h2>
          <table className="table table-dense" data-testid="map-partner-features">
            <caption>{t('incoming.mapCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incoming.origin')}</th>
                <th scope="col">{t('caseMap.label')}</th>
                <th scope="col">{t('caseMap.kind')}</th>
              </tr>
            </thead>
            <tbody>
              {received.map((f) => (
                <tr key={f.id}>
                  <td>
                    <span
                      className="origin-swatch"
                      style={{ background: originColour(f.properties.origin) }}
                      aria-hidden="true"
                    />
                    {f.properties.originName ?? f.properties.origin} ({f.properties.origin.toUpperCase()})
                  </td>
                  <td>{f.properties.label}</td>
                  <td>{t(`featureKinds.${f.properties.kind}`, { defaultValue: f.properties.kind })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  )
}
