import { TextField } from '../components/TextField.tsx'
import type { RegistrationInfo } from './citizenApi.ts'
import type { PlaceDraft } from './PlaceDraft.ts'
import { coordinate } from './PlaceDraft.ts'
import { PlaceMap } from './PlaceMap.tsx'
import { PlaceSearch } from './PlaceSearch.tsx'
import { fill } from './texts/citizenTexts.ts'
import { useCitizenTexts } from './useCitizenTexts.ts'

export interface PlacesEditorProps {
  readonly places: readonly PlaceDraft[]
  readonly onChange: (places: PlaceDraft[]) => void
  /** The place (its index) the map sets. */
  readonly active: number
  readonly onActivate: (index: number) => void
  readonly info: RegistrationInfo
}

/**
 * Up to five places, each with a label: found among the imported areas, clicked on the map or
 * typed as coordinates.
 */
export function PlacesEditor({ places, onChange, active, onActivate, info }: PlacesEditorProps) {
  const { texts } = useCitizenTexts()
  const change = (index: number, patch: Partial<PlaceDraft>) =>
    onChange(places.map((p, i) => (i === index ? { ...p, ...patch } : p)))
  const labelOf = (index: number) =>
    places[index]?.label.trim() || fill(texts.places.defaultLabel, { n: index + 1 })
  return (
    <fieldset className="places">
      <legend>{fill(texts.places.heading, { max: info.maxPlaces })}</legend>
      <p className="field-hint">{texts.places.hint}</p>
      {places.map((place, index) => (
        <fieldset
          key={index}
          className={index === active ? 'place place-active' : 'place'}
          onFocus={() => onActivate(index)}
          data-testid={`place-${index + 1}`}
        >
          <legend>{fill(texts.places.place, { n: index + 1 })}</legend>
          <TextField
            label={texts.places.label}
            hint={texts.places.labelHint}
            value={place.label}
            onChange={(label) => change(index, { label })}
            maxLength={60}
          />
          <PlaceSearch
            onChoose={(match) =>
              change(index, {
                lat: String(match.lat),
                lon: String(match.lon),
                areaCode: match.code,
                ...(place.label.trim() ? {} : { label: match.name }),
              })
            }
          />
          <div className="inline-row">
            <TextField
              label={texts.places.lat}
              value={place.lat}
              onChange={(lat) => change(index, { lat, areaCode: null })}
              inputMode="decimal"
              maxLength={16}
            />
            <TextField
              label={texts.places.lon}
              value={place.lon}
              onChange={(lon) => change(index, { lon, areaCode: null })}
              inputMode="decimal"
              maxLength={16}
            />
          </div>
          {places.length > 1 && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                onChange(places.filter((_, i) => i !== index))
                onActivate(Math.max(0, Math.min(active, places.length - 2)))
              }}
            >
              {texts.places.remove}
            </button>
          )}
        </fieldset>
      ))}
      {places.length < info.maxPlaces && (
        <button
          type="button"
          onClick={() => {
            onChange([...places, { label: '', lat: '', lon: '', areaCode: null }])
            onActivate(places.length)
          }}
        >
          {texts.places.add}
        </button>
      )}
      <PlaceMap
        map={info.map}
        places={places.map((p) => ({ lon: coordinate(p.lon, 180), lat: coordinate(p.lat, 90) }))}
        active={active + 1}
        activeLabel={labelOf(active)}
        onPick={(lon, lat) => change(active, { lon: String(lon), lat: String(lat), areaCode: null })}
      />
      <p className="visually-hidden" aria-live="polite">
        {places[active] && coordinate(places[active].lat, 90) !== null
          ? fill(texts.places.placed, { lat: places[active].lat, lon: places[active].lon })
          : ''}
      </p>
    </fieldset>
  )
}
