import { useCallback, useEffect, useState } from 'react'
import type { Registration, RegistrationInfo } from './citizenApi.ts'
import { citizenApi } from './citizenApi.ts'
import { AddressCode } from './AddressCode.tsx'
import { ChangeRegistration } from './ChangeRegistration.tsx'
import { describeCitizenError } from './describeCitizenError.ts'
import { languageName } from './LanguagesEditor.tsx'
import { fill } from './texts/citizenTexts.ts'
import { useCitizenTexts } from './useCitizenTexts.ts'

/** Offers a JSON file to download, made in the page (no second request, nothing left behind). */
function download(registration: Registration): void {
  const blob = new Blob([JSON.stringify(registration, null, 2)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `registration-${new Date().toISOString().slice(0, 10)}.json`
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * What is held about the person (read with the management token this browser keeps): the
 * addresses, each confirmed with its code; the places, languages and options; the export as a
 * JSON file; the erasure of everything.
 */
export function ManageRegistration({
  token,
  info,
  onGone,
}: {
  readonly token: string
  readonly info: RegistrationInfo
  /** The registration is erased, or the token no longer names one: the page forgets the token. */
  readonly onGone: (message: string | null) => void
}) {
  const { texts } = useCitizenTexts()
  const [registration, setRegistration] = useState<Registration | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [erasing, setErasing] = useState(false)
  const [changing, setChanging] = useState(false)

  const load = useCallback(async () => {
    try {
      setRegistration(await citizenApi.read(token))
    } catch (failure) {
      setError(describeCitizenError(failure, texts))
    }
  }, [token, texts])
  useEffect(() => {
    void load()
  }, [load])

  const exportAll = async () => {
    setError(null)
    try {
      // read again: the file holds what is held now, deliveries included
      download(await citizenApi.read(token))
      setNote(texts.manage.exported)
    } catch (failure) {
      setError(describeCitizenError(failure, texts))
    }
  }
  const stop = async (address: Registration['addresses'][number]) => {
    setError(null)
    const named = address.kind === 'push' ? texts.manage.thisBrowser : address.address
    try {
      const { erased } = await citizenApi.removeAddress(token, address.id)
      if (erased) return onGone(texts.manage.erased)
      setNote(fill(texts.manage.stopped, { address: named }))
      await load()
    } catch (failure) {
      setError(describeCitizenError(failure, texts))
    }
  }
  const erase = async () => {
    setError(null)
    try {
      await citizenApi.erase(token)
      onGone(texts.manage.erased)
    } catch (failure) {
      setError(describeCitizenError(failure, texts))
    }
  }

  if (!registration)
    return (
      <section aria-labelledby="manage-heading">
        <h2 id="manage-heading">{texts.manage.heading}</h2>
        {error ? (
          <>
            <p className="message message-error" role="alert">
              {error}
            </p>
            <button type="button" onClick={() => onGone(null)}>
              {texts.manage.forget}
            </button>
          </>
        ) : (
          <p>{texts.loading}</p>
        )}
      </section>
    )
  const yesNo = (value: boolean) => (value ? texts.manage.yes : texts.manage.no)
  return (
    <section aria-labelledby="manage-heading" data-testid="registration">
      <h2 id="manage-heading">{texts.manage.heading}</h2>
      <p className="field-hint">{texts.manage.tokenNote}</p>
      {note && (
        <p className="message" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      <h3>{texts.manage.addresses}</h3>
      <ul className="addresses">
        {registration.addresses.map((a) => (
          <li key={a.id} data-testid={`address-${a.kind}`}>
            <span className="address-kind">{texts.manage[a.kind]}</span>{' '}
            <span className="address">{a.kind === 'push' ? '' : a.address}</span>{' '}
            <span className={a.confirmed ? 'state state-ok' : 'state state-waiting'}>
              {a.confirmed ? texts.manage.confirmed : texts.manage.unconfirmed}
            </span>
            {!a.confirmed && a.kind !== 'push' && (
              <AddressCode
                token={token}
                address={a}
                onConfirmed={(message) => {
                  setNote(message)
                  void load()
                }}
              />
            )}
            <button type="button" className="link-button" onClick={() => void stop(a)}>
              {fill(texts.manage.stop, { address: a.kind === 'push' ? texts.manage.thisBrowser : a.address })}
            </button>
          </li>
        ))}
      </ul>
      <p className="field-hint">{texts.manage.unsubscribeNote}</p>
      {changing ? (
        <ChangeRegistration
          token={token}
          registration={registration}
          info={info}
          onDone={(changed) => {
            setChanging(false)
            if (changed) {
              setRegistration(changed)
              setNote(texts.manage.saved)
            }
          }}
        />
      ) : (
        <>
          <h3>{texts.manage.places}</h3>
          <ol className="held-places" data-testid="held-places">
            {registration.places.map((p, i) => (
              <li key={i}>
                {p.label} ({p.lat.toFixed(4)}, {p.lon.toFixed(4)})
              </li>
            ))}
          </ol>
          <h3>{texts.manage.languages}</h3>
          <ol data-testid="held-languages">
            {registration.languages.map((l) => (
              <li key={l} lang={l}>
                {languageName(l)}
              </li>
            ))}
          </ol>
          <h3>{texts.manage.options}</h3>
          <ul>
            <li>{fill(texts.manage.test, { value: yesNo(registration.wantsTest) })}</li>
            <li>{fill(texts.manage.exercise, { value: yesNo(registration.wantsExercise) })}</li>
          </ul>
          <button type="button" onClick={() => setChanging(true)}>
            {texts.manage.change}
          </button>
        </>
      )}
      <div className="actions">
        <button type="button" onClick={() => void exportAll()}>
          {texts.manage.export}
        </button>
        {erasing ? (
          <div className="danger-zone" role="group" aria-labelledby="erase-warning">
            <p id="erase-warning">{texts.manage.eraseWarning}</p>
            <button type="button" className="danger" onClick={() => void erase()}>
              {texts.manage.eraseConfirm}
            </button>
            <button type="button" onClick={() => setErasing(false)}>
              {texts.manage.cancel}
            </button>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setErasing(true)}>
            {texts.manage.erase}
          </button>
        )}
        <button type="button" className="link-button" onClick={() => onGone(null)}>
          {texts.manage.forget}
        </button>
      </div>
    </section>
  )
}
