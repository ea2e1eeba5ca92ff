import type { FormEvent } from 'react'
import { useState } from 'react'
import { TextField } from '../components/TextField.tsx'
import type { Registration } from './citizenApi.ts'
import { citizenApi } from './citizenApi.ts'
import { describeCitizenError } from './describeCitizenError.ts'
import { fill } from './texts/citizenTexts.ts'
import { useCitizenTexts } from './useCitizenTexts.ts'

type Address = Registration['addresses'][number]

/** An unconfirmed phone or e-mail address: its code entered, or a new one asked for. */
export function AddressCode({
  token,
  address,
  onConfirmed,
}: {
  readonly token: string
  readonly address: Address
  readonly onConfirmed: (message: string) => void
}) {
  const { texts } = useCitizenTexts()
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const confirm = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    setNote(null)
    const digits = code.replace(/\s/g, '')
    if (!/^\d{6}$/.test(digits))
      return setError(fill(texts.errors.validation_failed, { field: texts.fields.code }))
    setBusy(true)
    try {
      await citizenApi.confirm(token, address.id, digits)
      onConfirmed(fill(texts.manage.confirmedNow, { address: address.address }))
    } catch (failure) {
      setError(describeCitizenError(failure, texts))
    } finally {
      setBusy(false)
    }
  }
  const resend = async () => {
    setError(null)
    setNote(null)
    try {
      await citizenApi.resend(token, address.id)
      setNote(fill(texts.manage.resent, { address: address.address }))
    } catch (failure) {
      setError(describeCitizenError(failure, texts))
    }
  }
  return (
    <form className="address-code" onSubmit={(event) => void confirm(event)} noValidate>
      <div className="inline-row">
        <TextField
          label={fill(texts.manage.code, { address: address.address })}
          hint={texts.manage.codeHint}
          value={code}
          onChange={setCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          error={error}
          testId={`code-${address.id}`}
        />
        <button type="submit" disabled={busy}>
          {texts.manage.confirm}
        </button>
      </div>
      <button type="button" className="link-button" onClick={() => void resend()}>
        {texts.manage.resend}
      </button>
      {note && (
        <p className="message" role="status">
          {note}
        </p>
      )}
    </form>
  )
}
