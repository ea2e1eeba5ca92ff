import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchOpenCasesMap } from '../api/dutyApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { useLiveEvents } from '../live/liveStream.ts'
import { BeneluxMap } from './BeneluxMap.tsx'
import { FeatureList } from './FeatureList.tsx'

/** The duty desk map: every open case (its point) and the features drawn for it, with a list. */
export function OpenCasesMap() {
  const { t } = useTranslation()
  const listId = useId()
  const map = useLoad(fetchOpenCasesMap)
  const reload = useDebounced(map.reload)
  useLiveEvents((event) => {
    if (event.kind.startsWith('map-feature.') || event.kind.startsWith('case.')) reload()
  })
  const features = map.data?.features ?? []
  const cases = features.filter((f) => f.properties.kind === 'case')
  const drawn = features.filter((f) => f.properties.kind !== 'case')
  const titleOf = (caseId: string): string => cases.find((c) => c.id === caseId)?.properties.label ?? ''

  return (
    <>
      {map.error !== null && <ErrorAlert error={map.error} />}
      <BeneluxMap features={map.data} />
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
    </>
  )
}
