import type { FormEvent } from 'react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/ApiError.ts'
import type { FeatureKind, Geometry, MapFeatureRecord } from '../api/dutyApi.ts'
import { featureKinds } from '@liaison/core'
import { updateMapFeature } from '../api/dutyApi.ts'
import { CardForm } from '../components/CardForm.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import { readPoint } from './drawGeometry.ts'
import { PointFields } from './PointFields.tsx'

const kindOf = (value: string): FeatureKind => featureKinds.find((k) => k === value) ?? 'other'

/** Changes one's own feature: its label and kind, and a point's coordinates (with the version read). */
export function FeatureEditForm({
  caseId,
  feature,
  onDone,
  onStale,
}: {
  readonly caseId: string
  readonly feature: MapFeatureRecord
  readonly onDone: (message: string | null) => void
  readonly onStale: () => void
}) {
  const { t } = useTranslation()
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => headingRef.current?.focus(), [])
  const g = feature.geometry
  const [kind, setKind] = useState<FeatureKind>(kindOf(feature.properties.kind))
  const [label, setLabel] = useState(feature.properties.label)
  const [lat, setLat] = useState(g.type === 'Point' ? String(g.coordinates[1]) : '')
  const [lon, setLon] = useState(g.type === 'Point' ? String(g.coordinates[0]) : '')
  const [problems, setProblems] = useState<{ label?: string; lon?: string; lat?: string }>({})
  const [stale, setStale] = useState(false)
  const { busy, error, setError, run } = useSubmit()

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const found: { label?: string; lon?: string; lat?: string } =
      label.trim() === '' ? { label: t('caseMap.problemLabel') } : {}
    let geometry: Geometry = g
    if (g.type === 'Point') {
      const point = readPoint(lat, lon)
      if (point.ok) geometry = point.geometry
      else {
        if (point.lon) found.lon = t('caseMap.problemLon')
        if (point.lat) found.lat = t('caseMap.problemLat')
      }
    }
    setProblems(found)
    setError(null)
    setStale(false)
    if (Object.keys(found).length > 0) return
    await run(
      async () => {
        await updateMapFeature(caseId, feature.id, {
          kind,
          label: label.trim(),
          geometry,
          version: feature.properties.version ?? 1,
        })
        onDone(t('caseMap.saved', { label: label.trim() }))
      },
      // someone changed the feature since it was read: say so, rather than the node's refusal
      (caught) => {
        if (isApiError(caught) && caught.status === 409) {
          setStale(true)
          onStale()
        } else setError(caught)
      },
    )
  }

  return (
    <CardForm
      title={t('caseMap.editTitle', { label: feature.properties.label })}
      testId="feature-edit-form"
      onSubmit={submit}
      // shown below the notice of a stale version
      error={null}
      headingRef={headingRef}
    >
      {stale && (
        <p className="alert alert-error" role="alert">
          {t('caseMap.stale')}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <SelectField
        label={t('caseMap.kind')}
        value={kind}
        options={featureKinds.map((k) => ({ value: k, label: t(`featureKinds.${k}`) }))}
        onChange={(value) => setKind(kindOf(value))}
      />
      <TextField
        label={t('caseMap.label')}
        value={label}
        onChange={setLabel}
        required
        maxLength={200}
        error={problems.label ?? null}
      />
      {g.type === 'Point' && (
        <PointFields lat={lat} lon={lon} onLatChange={setLat} onLonChange={setLon} problems={problems} />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {t('caseMap.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('caseMap.cancel')}
        </button>
      </div>
    </CardForm>
  )
}
