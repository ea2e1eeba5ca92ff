import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AreaCheckResult, AreaSummary } from '../api/alertsApi.ts'
import { checkArea, listProvinces } from '../api/alertsApi.ts'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import type { AreaDraft } from './alertForm.ts'
import { areaCheckOf } from './alertForm.ts'
import { areaFeatures } from './areaFeatures.ts'

// MapLibre is large: it loads with the composer, not with the sign-in page.
const BeneluxMap = lazy(async () => ({ default: (await import('../map/BeneluxMap.tsx')).BeneluxMap }))

export interface AreaFieldsProps {
  readonly area: AreaDraft
  readonly onChange: (area: AreaDraft) => void
  readonly problems: { readonly vertices?: string | null; readonly circle?: string | null }
  /** Told each answer of the live check (null: nothing to check), for the composer's other checks. */
  readonly onChecked?: (result: AreaCheckResult | null) => void
}

/** What the live check found, in words: each problem, the borders crossed, the nearest border under 5 km. */
function CheckResult({ result }: { readonly result: AreaCheckResult }) {
  const { t } = useTranslation()
  return (
    <div className="area-check" data-testid="area-check" aria-live="polite">
      {result.problems.length === 0 ? (
        <p>{t('alertArea.checkOk', { vertices: result.vertices })}</p>
      ) : (
        <ul className="alert alert-error" data-testid="area-problems">
          {result.problems.map((p, i) => (
            <li key={i}>
              {t(`alertArea.problems.${p.reason}`, {
                defaultValue: t('alertArea.problems.other', { reason: p.reason }),
                points: p.points ?? 0,
              })}{' '}
              <span className="mono">({p.path})</span>
            </li>
          ))}
        </ul>
      )}
      {result.countries.length > 0 && (
        <p>{t('alertArea.countries', { countries: result.countries.join(', ') })}</p>
      )}
      {result.outsideBenelux && <p className="alert alert-warning">{t('alertArea.outside')}</p>}
      {result.crosses.length > 0 && (
        <p className="alert alert-warning" data-testid="area-crosses">
          {t('alertArea.crosses', { borders: result.crosses.join(', ') })}
        </p>
      )}
      {result.nearest && (
        <p className="alert alert-warning" data-testid="area-nearest">
          {t('alertArea.nearest', { border: result.nearest.border, km: result.nearest.km.toFixed(1) })}
        </p>
      )}
    </div>
  )
}

/**
 * The area of an alert: a polygon drawn on the map (each click a vertex) or typed, a circle, or
 * shipped provinces, combined; checked live by the node as it changes.
 */
export function AreaFields({ area, onChange, problems, onChecked }: AreaFieldsProps) {
  const { t } = useTranslation()
  const [provinces, setProvinces] = useState<readonly AreaSummary[]>([])
  const [result, setResult] = useState<AreaCheckResult | null>(null)
  const [checkError, setCheckError] = useState<unknown>(null)
  const [said, setSaid] = useState<string | null>(null)
  const asked = JSON.stringify(areaCheckOf(area))

  useEffect(() => {
    let current = true
    listProvinces().then(
      (page) => current && setProvinces(page.items),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [])

  useEffect(() => {
    const body = JSON.parse(asked) as ReturnType<typeof areaCheckOf>
    if (body === null) {
      setResult(null)
      onChecked?.(null)
      return
    }
    let current = true
    // asked again once the author pauses, not on every key
    const timer = setTimeout(() => {
      checkArea(body).then(
        (answer) => {
          if (!current) return
          setResult(answer)
          onChecked?.(answer)
          setCheckError(null)
        },
        (error: unknown) => current && setCheckError(error),
      )
    }, 400)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [asked, onChecked])

  const areaRef = useRef(area)
  useEffect(() => {
    areaRef.current = area
  })
  const features = useMemo(() => areaFeatures(area, area.desc), [area])
  const pick = useCallback(
    (lon: number, lat: number) => {
      const lines = areaRef.current.vertices.split('\n').filter((l) => l.trim() !== '')
      setSaid(
        t('caseMap.vertexAdded', { number: lines.length + 1, lat: lat.toFixed(4), lon: lon.toFixed(4) }),
      )
      onChange({
        ...areaRef.current,
        vertices: [...lines, `${lat.toFixed(5)}, ${lon.toFixed(5)}`].join('\n'),
      })
    },
    [onChange, t],
  )

  return (
    <fieldset className="area-fields" data-testid="area-fields">
      <legend>{t('alerts.area')}</legend>
      <TextField
        label={t('alerts.areaDesc')}
        value={area.desc}
        onChange={(desc) => onChange({ ...area, desc })}
        testId="area-desc"
      />
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <BeneluxMap features={features} onPick={pick} compact />
      </Suspense>
      <LiveStatus message={said} quiet />
      <TextAreaField
        label={t('alertArea.vertices')}
        hint={t('alertArea.verticesHint')}
        value={area.vertices}
        onChange={(vertices) => onChange({ ...area, vertices })}
        error={problems.vertices ?? null}
        rows={4}
        testId="area-vertices"
      />
      {area.vertices !== '' && (
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange({ ...area, vertices: '' })}
        >
          {t('alertArea.clearVertices')}
        </button>
      )}
      <fieldset className="field-row">
        <legend>{t('alerts.circle')}</legend>
        <TextField
          label={t('alertArea.circleLat')}
          value={area.circleLat}
          onChange={(circleLat) => onChange({ ...area, circleLat })}
          inputMode="decimal"
          error={problems.circle ?? null}
        />
        <TextField
          label={t('alertArea.circleLon')}
          value={area.circleLon}
          onChange={(circleLon) => onChange({ ...area, circleLon })}
          inputMode="decimal"
        />
        <TextField
          label={t('alertArea.circleKm')}
          value={area.circleKm}
          onChange={(circleKm) => onChange({ ...area, circleKm })}
          inputMode="decimal"
        />
      </fieldset>
      {provinces.length > 0 && (
        <details>
          <summary>{t('alertArea.provinces')}</summary>
          <CheckboxGroup
            legend={t('alertArea.provincesLegend')}
            options={provinces.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
            selected={area.codes}
            onChange={(codes) => onChange({ ...area, codes })}
          />
        </details>
      )}
      {checkError !== null && <ErrorAlert error={checkError} />}
      {result && <CheckResult result={result} />}
    </fieldset>
  )
}
