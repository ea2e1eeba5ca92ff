import type { FormEvent } from 'react'
import { useState } from 'react'
import type { Registration, RegistrationInfo } from './citizenApi.ts'
import { citizenApi } from './citizenApi.ts'
import { describeCitizenError } from './describeCitizenError.ts'
import { LanguagesEditor } from './LanguagesEditor.tsx'
import type { PlaceDraft } from './PlaceDraft.ts'
import { placesFrom } from './PlaceDraft.ts'
import { PlacesEditor } from './PlacesEditor.tsx'
import { useCitizenTexts } from './useCitizenTexts.ts'

/** Changes the places (all replaced), the languages and the options of a registration. */
export function ChangeRegistration({
  token,
  registration,
  info,
  onDone,
}: {
  readonly token: string
  readonly registration: Registration
  readonly info: RegistrationInfo
  /** The registration as it is now, or null when the person cancelled. */
  readonly onDone: (changed: Registration | null) => void
}) {
  const { texts } = useCitizenTexts()
  const [places, setPlaces] = useState<PlaceDraft[]>(() =>
    registration.places.length > 0
      ? registration.places.map((p) => ({
          label: p.label,
          lat: String(p.lat),
          lon: String(p.lon),
          areaCode: p.areaCode,
        }))
      : [{ label: '', lat: '', lon: '', areaCode: null }],
  )
  const [active, setActive] = useState(0)
  const [languages, setLanguages] = useState<string[]>([...registration.languages])
  const [wantsTest, setWantsTest] = useState(registration.wantsTest)
  const [wantsExercise, setWantsExercise] = useState(registration.wantsExercise)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const save = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    const chosen = placesFrom(places, texts)
    if ('error' in chosen) return setError(chosen.error)
    if (languages.length === 0) return setError(texts.languages.none)
    setBusy(true)
    try {
      onDone(await citizenApi.change(token, { places: chosen.places, languages, wantsTest, wantsExercise }))
    } catch (failure) {
      setError(describeCitizenError(failure, texts))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={(event) => void save(event)} noValidate aria-labelledby="change-heading">
      <h3 id="change-heading">{texts.manage.change}</h3>
      <PlacesEditor places={places} onChange={setPlaces} active={active} onActivate={setActive} info={info} />
      <LanguagesEditor languages={languages} onChange={setLanguages} />
      <fieldset>
        <legend>{texts.register.options}</legend>
        <div className="check">
          <input
            id="change-test"
            type="checkbox"
            checked={wantsTest}
            onChange={(e) => setWantsTest(e.target.checked)}
          />
          <label htmlFor="change-test">{texts.register.wantsTest}</label>
        </div>
        <div className="check">
          <input
            id="change-exercise"
            type="checkbox"
            checked={wantsExercise}
            onChange={(e) => setWantsExercise(e.target.checked)}
          />
          <label htmlFor="change-exercise">{texts.register.wantsExercise}</label>
        </div>
      </fieldset>
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-row">
        <button type="submit" className="primary" disabled={busy}>
          {texts.manage.save}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {texts.manage.cancel}
        </button>
      </div>
    </form>
  )
}
