import { useTranslation } from 'react-i18next'
import { TextField } from '../components/TextField.tsx'

/** The latitude and longitude of a point on a case's map (`readPoint` reads them), each with its own error. */
export function PointFields({
  lat,
  lon,
  onLatChange,
  onLonChange,
  problems,
}: {
  readonly lat: string
  readonly lon: string
  readonly onLatChange: (value: string) => void
  readonly onLonChange: (value: string) => void
  readonly problems: { readonly lat?: string; readonly lon?: string }
}) {
  const { t } = useTranslation()
  return (
    <div className="field-row">
      <TextField
        label={t('caseMap.lat')}
        value={lat}
        onChange={onLatChange}
        inputMode="decimal"
        error={problems.lat ?? null}
      />
      <TextField
        label={t('caseMap.lon')}
        value={lon}
        onChange={onLonChange}
        inputMode="decimal"
        error={problems.lon ?? null}
      />
    </div>
  )
}
