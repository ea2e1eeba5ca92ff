import type { FormEvent } from 'react'
import { useState } from 'react'
import { TextField } from '../components/TextField.tsx'
import type { NewRegistration, Registered, RegistrationInfo } from './citizenApi.ts'
import { citizenApi } from './citizenApi.ts'
import { describeCitizenError } from './describeCitizenError.ts'
import { LanguagesEditor } from './LanguagesEditor.tsx'
import type { PlaceDraft } from './PlaceDraft.ts'
import { placesFrom } from './PlaceDraft.ts'
import { PlacesEditor } from './PlacesEditor.tsx'
import { pushSupported, subscribeThisBrowser } from './pushSubscription.ts'
import { fill } from './texts/citizenTexts.ts'
import { useCitizenTexts } from './useCitizenTexts.ts'

type Address = NewRegistration['addresses'][number]

/** A list of text fields of one kind (phones, e-mail addresses), one more on request. */
function AddressList(props: {
  readonly legend: string
  readonly label: string
  readonly hint?: string
  readonly type: 'tel' | 'email'
  readonly values: readonly string[]
  readonly onChange: (values: string[]) => void
  readonly addLabel: string
  readonly testId: string
}) {
  const { texts } = useCitizenTexts()
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.values.map((value, index) => (
        <div key={index} className="inline-row">
          <TextField
            label={fill(props.label, { n: index + 1 })}
            {...(props.hint ? { hint: props.hint } : {})}
            type={props.type}
            value={value}
            onChange={(next) => props.onChange(props.values.map((v, i) => (i === index ? next : v)))}
            autoComplete={props.type === 'tel' ? 'tel' : 'email'}
            inputMode={props.type === 'tel' ? 'tel' : 'email'}
            maxLength={props.type === 'tel' ? 20 : 254}
            testId={`${props.testId}-${index + 1}`}
          />
          {props.values.length > 1 && (
            <button type="button" onClick={() => props.onChange(props.values.filter((_, i) => i !== index))}>
              {texts.register.remove}
            </button>
          )}
        </div>
      ))}
      {props.values.length < 3 && (
        <button type="button" onClick={() => props.onChange([...props.values, ''])}>
          {props.addLabel}
        </button>
      )}
    </fieldset>
  )
}

/**
 * The registration: phone numbers, e-mail addresses and this browser (only the kinds the node
 * can reach), up to five places, the languages in order, test and exercise messages. The answer's
 * management token goes to the page, which keeps it on this browser.
 */
export function RegistrationForm({
  info,
  onRegistered,
}: {
  readonly info: RegistrationInfo
  readonly onRegistered: (answer: Registered) => void
}) {
  const { texts, language } = useCitizenTexts()
  const offers = (kind: 'sms' | 'email' | 'push') => info.kinds.includes(kind)
  const [phones, setPhones] = useState<string[]>([''])
  const [emails, setEmails] = useState<string[]>([''])
  const [push, setPush] = useState(false)
  const [places, setPlaces] = useState<PlaceDraft[]>([{ label: '', lat: '', lon: '', areaCode: null }])
  const [active, setActive] = useState(0)
  const [languages, setLanguages] = useState<string[]>([language])
  const [wantsTest, setWantsTest] = useState(false)
  const [wantsExercise, setWantsExercise] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const canPush = offers('push') && info.pushKey !== null && pushSupported()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    const addresses: Address[] = [
      ...(offers('sms') ? phones : [])
        .map((p) => p.replace(/[\s./()-]/g, ''))
        .filter(Boolean)
        .map((address) => ({ kind: 'sms' as const, address })),
      ...(offers('email') ? emails : [])
        .map((e) => e.trim())
        .filter(Boolean)
        .map((address) => ({ kind: 'email' as const, address })),
    ]
    const chosen = placesFrom(places, texts)
    if ('error' in chosen) return setError(chosen.error)
    if (languages.length === 0) return setError(texts.languages.none)
    setBusy(true)
    try {
      if (push && canPush && info.pushKey) {
        try {
          addresses.push(await subscribeThisBrowser(info.pushKey))
        } catch {
          return setError(texts.register.pushRefused)
        }
      }
      if (addresses.length === 0) return setError(texts.register.needAddress)
      const answer = await citizenApi.register({
        addresses,
        places: chosen.places,
        languages,
        wantsTest,
        wantsExercise,
      })
      onRegistered(answer)
    } catch (failure) {
      setError(describeCitizenError(failure, texts, (i) => addresses[i]?.kind))
    } finally {
      setBusy(false)
    }
  }

  const missing = (['sms', 'email'] as const).filter((k) => !offers(k))
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="register-heading">
      <h2 id="register-heading">{texts.register.heading}</h2>
      {missing.length > 0 && (
        <p className="field-hint">
          {fill(texts.register.unavailableKinds, {
            kinds: missing.map((k) => (k === 'sms' ? texts.manage.sms : texts.manage.email)).join(', '),
          })}
        </p>
      )}
      {offers('sms') && (
        <AddressList
          legend={texts.register.phones}
          label={texts.register.phone}
          hint={texts.register.phoneHint}
          type="tel"
          values={phones}
          onChange={setPhones}
          addLabel={texts.register.addPhone}
          testId="phone"
        />
      )}
      {offers('email') && (
        <AddressList
          legend={texts.register.emails}
          label={texts.register.email}
          type="email"
          values={emails}
          onChange={setEmails}
          addLabel={texts.register.addEmail}
          testId="email"
        />
      )}
      {offers('push') &&
        (canPush ? (
          <div className="check">
            <input id="push" type="checkbox" checked={push} onChange={(e) => setPush(e.target.checked)} />
            <label htmlFor="push">{texts.register.push}</label>
          </div>
        ) : (
          <p className="field-hint">{texts.register.pushUnsupported}</p>
        ))}
      <PlacesEditor places={places} onChange={setPlaces} active={active} onActivate={setActive} info={info} />
      <LanguagesEditor languages={languages} onChange={setLanguages} />
      <fieldset>
        <legend>{texts.register.options}</legend>
        <div className="check">
          <input
            id="wants-test"
            type="checkbox"
            checked={wantsTest}
            onChange={(e) => setWantsTest(e.target.checked)}
          />
          <label htmlFor="wants-test">{texts.register.wantsTest}</label>
        </div>
        <div className="check">
          <input
            id="wants-exercise"
            type="checkbox"
            checked={wantsExercise}
            onChange={(e) => setWantsExercise(e.target.checked)}
          />
          <label htmlFor="wants-exercise">{texts.register.wantsExercise}</label>
        </div>
      </fieldset>
      {error && (
        <p className="message message-error" role="alert" data-testid="register-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? texts.register.submitting : texts.register.submit}
      </button>
    </form>
  )
}
