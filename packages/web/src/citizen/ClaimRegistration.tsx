import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { TextField } from '../components/TextField.tsx'
import type { Registered } from './citizenApi.ts'
import { citizenApi } from './citizenApi.ts'
import { describeCitizenError } from './describeCitizenError.ts'
import { useCitizenTexts } from './useCitizenTexts.ts'

/**
 * Back into a registration without the token (another device, an imported list): a code sent
 * to a registered phone or e-mail address answers a new management token (decision 040).
 */
export function ClaimRegistration({ onClaimed }: { readonly onClaimed: (answer: Registered) => void }) {
  const { texts } = useCitizenTexts()
  const kindId = useId()
  const [kind, setKind] = useState<'sms' | 'email'>('sms')
  const [address, setAddress] = useState('')
  const [code, setCode] = useState('')
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const clean = () => (kind === 'sms' ? address.replace(/[\s./()-]/g, '') : address.trim())
  const send = async () => {
    setError(null)
    try {
      await citizenApi.requestCode(kind, clean())
      setSent(true)
    } catch (failure) {
      setError(describeCitizenError(failure, texts, () => kind))
    }
  }
  const claim = async (event: FormEvent) => {
    event.preventDefault()
    if (!sent) return void send()
    setError(null)
    try {
      onClaimed(await citizenApi.claim(kind, clean(), code.replace(/\s/g, '')))
    } catch (failure) {
      setError(describeCitizenError(failure, texts, () => kind))
    }
  }
  return (
    <form onSubmit={(event) => void claim(event)} noValidate aria-labelledby="claim-heading">
      <h2 id="claim-heading">{texts.claim.heading}</h2>
      <p className="field-hint">{texts.claim.hint}</p>
      <div className="field">
        <label htmlFor={kindId}>{texts.claim.kind}</label>
        <select
          id={kindId}
          value={kind}
          onChange={(e) => setKind(e.target.value === 'email' ? 'email' : 'sms')}
        >
          <option value="sms">{texts.manage.sms}</option>
          <option value="email">{texts.manage.email}</option>
        </select>
      </div>
      <TextField
        label={texts.claim.address}
        value={address}
        onChange={setAddress}
        type={kind === 'sms' ? 'tel' : 'email'}
        maxLength={254}
      />
      {sent && (
        <>
          <p className="message" role="status">
            {texts.claim.sent}
          </p>
          <TextField
            label={texts.claim.code}
            hint={texts.manage.codeHint}
            value={code}
            onChange={setCode}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
          />
        </>
      )}
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{sent ? texts.claim.submit : texts.claim.send}</button>
    </form>
  )
}
