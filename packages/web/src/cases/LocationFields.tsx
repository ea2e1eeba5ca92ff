import type { Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../components/TextField.tsx'

/**
 * The optional place of a case or a log entry: latitude and longitude in decimal degrees, both
 * or neither (`pointFromInput` reads them), with one error for the pair.
 */
export function LocationFields({
  lat,
  lon,
  onLatChange,
  onLonChange,
  error,
  testIdPrefix,
  latRef,
}: {
  readonly lat: string
  readonly lon: string
  readonly onLatChange: (value: string) => void
  readonly onLonChange: (value: string) => void
  readonly error: string | null
  /** The fields' test ids are `<prefix>-lat` and `<prefix>-lon`. */
  readonly testIdPrefix: string
  readonly latRef?: Ref<HTMLInputElement>
}) {
  const { t } = useTranslation()
  return (
    <fieldset className="checkbox-group">
      <legend>{t('cases.location')}</legend>
      <div className="field-row">
        <TextField
          label={t('cases.latitude')}
          hint={t('cases.latitudeHint')}
          value={lat}
          onChange={onLatChange}
          inputRef={latRef}
          inputMode="decimal"
          autoComplete="off"
          error={error}
          testId={`${testIdPrefix}-lat`}
        />
        <TextField
          label={t('cases.longitude')}
          hint={t('cases.longitudeHint')}
          value={lon}
          onChange={onLonChange}
          inputMode="decimal"
          autoComplete="off"
          error={error}
          testId={`${testIdPrefix}-lon`}
        />
      </div>
    </fieldset>
  )
}
