import type { FormEvent } from 'react'
import { useCallback, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FeatureKind, Geometry, MapFeatureRecord } from '../api/dutyApi.ts'
import { featureKinds } from '@liaison/core'
import { addMapFeature, fetchCaseMap, removeMapFeature } from '../api/dutyApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { useLiveEvents } from '../live/liveStream.ts'
import { BeneluxMap } from './BeneluxMap.tsx'
import type { Shape } from './drawGeometry.ts'
import { finishShape, parseVertices, readPoint, shapes, vertexLine } from './drawGeometry.ts'
import { FeatureEditForm } from './FeatureEditForm.tsx'
import { FeatureList } from './FeatureList.tsx'
import { PointFields } from './PointFields.tsx'

const kindOf = (value: string): FeatureKind => featureKinds.find((k) => k === value) ?? 'other'

/** A case's map: its features on the map and in a table, a form to add a point, removal of one's own. */
export function CaseMapPanel({
  caseId,
  me,
  mayDraw,
}: {
  readonly caseId: string
  readonly me: Me
  readonly mayDraw: boolean
}) {
  const { t } = useTranslation()
  const headingId = useId()
  const map = useLoad(() => fetchCaseMap(caseId))
  const reload = useDebounced(map.reload)
  const [kind, setKind] = useState<FeatureKind>('incident-point')
  const [label, setLabel] = useState('')
  const [lon, setLon] = useState('')
  const [lat, setLat] = useState('')
  const [shape, setShape] = useState<Shape>('point')
  const [vertices, setVertices] = useState('')
  const [editing, setEditing] = useState<MapFeatureRecord | null>(null)
  const [problems, setProblems] = useState<{
    label?: string
    lon?: string
    lat?: string
    vertices?: string
  }>({})
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useLiveEvents((event) => {
    if (!event.kind.startsWith('map-feature.')) return
    const feature = event.body.feature
    const target =
      typeof feature === 'object' && feature !== null && 'caseId' in feature
        ? feature.caseId
        : event.body.caseId
    if (target === caseId) reload()
  })

  const pick = useCallback(
    (x: number, y: number) => {
      if (!mayDraw) return
      if (shape !== 'point') {
        setVertices((text) => {
          const lines = text.split('\n').filter((l) => l.trim() !== '')
          setStatus(
            t('caseMap.vertexAdded', { number: lines.length + 1, lat: y.toFixed(4), lon: x.toFixed(4) }),
          )
          return [...lines, vertexLine(x, y)].join('\n')
        })
        return
      }
      setLon(x.toFixed(5))
      setLat(y.toFixed(5))
      setStatus(t('caseMap.picked', { lat: y.toFixed(4), lon: x.toFixed(4) }))
    },
    [mayDraw, shape, t],
  )

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const found: { label?: string; lon?: string; lat?: string; vertices?: string } =
      label.trim() === '' ? { label: t('caseMap.problemLabel') } : {}
    let geometry: Geometry | null = null
    if (shape === 'point') {
      const point = readPoint(lat, lon)
      if (point.ok) geometry = point.geometry
      else {
        if (point.lon) found.lon = t('caseMap.problemLon')
        if (point.lat) found.lat = t('caseMap.problemLat')
      }
    } else {
      const parsed = parseVertices(vertices)
      if (!parsed.ok) found.vertices = t('caseMap.problemVertexLine', { line: parsed.line })
      else {
        geometry = finishShape(shape, parsed.positions)
        if (!geometry)
          found.vertices = t(shape === 'perimeter' ? 'caseMap.problemPerimeter' : 'caseMap.problemRoute')
      }
    }
    setProblems(found)
    setError(null)
    if (Object.keys(found).length > 0 || !geometry) return
    setBusy(true)
    try {
      await addMapFeature(caseId, {
        kind,
        label: label.trim(),
        geometry,
      })
      setLabel('')
      setVertices('')
      setStatus(t('caseMap.added', { label: label.trim() }))
      map.reload()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const remove = async (feature: MapFeatureRecord): Promise<void> => {
    setError(null)
    try {
      await removeMapFeature(caseId, feature.id)
      setStatus(t('caseMap.removed', { label: feature.properties.label }))
      map.reload()
    } catch (caught) {
      setError(caught)
    }
  }

  const features = map.data?.features ?? []

  return (
    <section aria-labelledby={headingId} className="case-map">
      <h2 id={headingId}>{t('caseMap.title')}</h2>
      {map.error !== null && <ErrorAlert error={map.error} />}
      <BeneluxMap features={map.data} onPick={mayDraw ? pick : undefined} fit compact />
      <LiveStatus message={status} />
      {map.data && features.length === 0 && <p className="muted">{t('caseMap.empty')}</p>}
      {features.length > 0 && (
        <FeatureList
          features={features}
          caption={t('caseMap.featuresCaption')}
          testId="case-features"
          onRemove={
            mayDraw
              ? (f) =>
                  f.properties.orgId === me.organisation.id ? (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={editing?.id === f.id}
                        onClick={() => setEditing(editing?.id === f.id ? null : f)}
                      >
                        {t('caseMap.edit', { label: f.properties.label })}
                      </button>
                      <button type="button" className="button button-small" onClick={() => void remove(f)}>
                        {t('caseMap.remove', { label: f.properties.label })}
                      </button>
                    </div>
                  ) : null
              : undefined
          }
        />
      )}
      {mayDraw && editing && (
        <FeatureEditForm
          key={editing.id}
          caseId={caseId}
          feature={features.find((f) => f.id === editing.id) ?? editing}
          onDone={(message) => {
            setEditing(null)
            if (message) setStatus(message)
            map.reload()
          }}
          onStale={() => map.reload()}
        />
      )}
      {mayDraw && (
        <form className="card" noValidate onSubmit={(e) => void submit(e)} data-testid="feature-form">
          <h3>{t('caseMap.addTitle')}</h3>
          {error !== null && <ErrorAlert error={error} />}
          <SelectField
            label={t('caseMap.drawWhat')}
            value={shape}
            options={shapes.map((s) => ({ value: s, label: t(`caseMap.shapes.${s}`) }))}
            onChange={(value) => {
              const next = shapes.find((s) => s === value) ?? 'point'
              setShape(next)
              setProblems({})
              if (next === 'perimeter') setKind('perimeter')
              else if (next === 'route') setKind('route')
              else setKind('incident-point')
            }}
            testId="feature-shape"
          />
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
          {shape === 'point' ? (
            <>
              <p className="field-hint">{t('caseMap.addHint')}</p>
              <PointFields
                lat={lat}
                lon={lon}
                onLatChange={setLat}
                onLonChange={setLon}
                problems={problems}
              />
            </>
          ) : (
            <TextAreaField
              label={t('caseMap.vertices')}
              hint={t('caseMap.verticesHint')}
              value={vertices}
              onChange={setVertices}
              rows={5}
              error={problems.vertices ?? null}
              testId="feature-vertices"
            />
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
              {shape === 'point' ? t('caseMap.add') : t('caseMap.finish')}
            </button>
            {shape !== 'point' && vertices !== '' && (
              <button type="button" className="button" onClick={() => setVertices('')}>
                {t('caseMap.clearVertices')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  )
}
