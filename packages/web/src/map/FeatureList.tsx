import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { MapFeatureRecord } from '../api/dutyApi.ts'
import { StatusBadge } from '../cases/StatusBadge.tsx'
import { caseHref } from '../router/useHashRoute.ts'

/** Where a feature is, in words: a point's coordinates, or the number of points of a line or area. */
export function placeOf(feature: MapFeatureRecord): string {
  const g = feature.geometry
  if (g.type === 'Point') return `${g.coordinates[1].toFixed(4)}° N, ${g.coordinates[0].toFixed(4)}° E`
  if (g.type === 'LineString') return `${g.coordinates.length} ×`
  return `${g.coordinates[0]?.length ?? 0} ×`
}

/** The features of the map as a table: the accessible way to read the map. */
export function FeatureList({
  features,
  caption,
  testId,
  showCase = false,
  onRemove,
}: {
  readonly features: readonly MapFeatureRecord[]
  readonly caption: string
  readonly testId: string
  readonly showCase?: boolean
  readonly onRemove?: (feature: MapFeatureRecord) => ReactNode
}) {
  const { t } = useTranslation()
  return (
    <table className="table table-dense" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('caseMap.label')}</th>
          <th scope="col">{t('caseMap.kind')}</th>
          <th scope="col">{t('caseMap.place')}</th>
          {onRemove && (
            <th scope="col">
              <span className="visually-hidden">{t('caseMap.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {features.map((f) => (
          <tr
            key={f.id}
            className={
              f.properties.status && f.properties.status !== 'actual'
                ? `row-${f.properties.status}`
                : undefined
            }
          >
            <th scope="row">
              {f.properties.status && f.properties.status !== 'actual' && (
                <>
                  <StatusBadge status={f.properties.status} />{' '}
                </>
              )}
              {showCase ? (
                <a href={caseHref(f.properties.caseId)}>{f.properties.label}</a>
              ) : (
                f.properties.label
              )}
            </th>
            <td>{t(`featureKinds.${f.properties.kind}`)}</td>
            <td>{placeOf(f)}</td>
            {onRemove && <td>{onRemove(f)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
