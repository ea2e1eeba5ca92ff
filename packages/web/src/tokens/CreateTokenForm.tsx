import type { Permission } from '@liaison/core'
import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { CreatedToken } from '../api/tokensApi.ts'
import { createToken } from '../api/tokensApi.ts'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { focusFirstInvalid } from '../components/focusFirstInvalid.ts'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'

export interface CreateTokenFormProps {
  /** The signed-in user's permissions: a token can never do more than its maker. */
  readonly scopes: readonly Permission[]
  readonly onCreated: (created: CreatedToken) => void
}

interface Problems {
  readonly name?: string
  readonly scopes?: string
  readonly days?: string
}

/** Name, scopes and lifetime of a new API token. */
export function CreateTokenForm({ scopes, onCreated }: CreateTokenFormProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const [name, setName] = useState('')
  const [chosen, setChosen] = useState<string[]>(scopes.includes('read') ? ['read'] : [])
  const [days, setDays] = useState('90')
  const [problems, setProblems] = useState<Problems>({})
  const { busy, error, setError, run } = useSubmit()

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const form = event.currentTarget
    const trimmed = name.trim()
    const expiresInDays = Number(days)
    const found: Problems = {
      ...(trimmed.length < 2 || trimmed.length > 80 ? { name: t('tokens.problemName') } : {}),
      ...(chosen.length === 0 ? { scopes: t('tokens.problemScopes') } : {}),
      ...(!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 365
        ? { days: t('tokens.problemDays') }
        : {}),
    }
    flushSync(() => {
      setProblems(found)
      setError(null)
    })
    if (Object.keys(found).length > 0) return focusFirstInvalid(form)
    await run(async () => {
      const created = await createToken({ name: trimmed, scopes: chosen, expiresInDays })
      setName('')
      onCreated(created)
    })
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('tokens.createTitle')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)} data-testid="create-token-form">
        {error !== null && <ErrorAlert error={error} />}
        <TextField
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          value={name}
          onChange={setName}
          autoComplete="off"
          required
          maxLength={80}
          error={problems.name ?? null}
        />
        <CheckboxGroup
          legend={t('tokens.scopesLegend')}
          options={scopes.map((scope) => ({ value: scope, label: scope, hint: t(`permissions.${scope}`) }))}
          selected={chosen}
          onChange={setChosen}
          error={problems.scopes ?? null}
        />
        <TextField
          label={t('tokens.expiresInDays')}
          hint={t('tokens.expiresHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          value={days}
          onChange={setDays}
          required
          error={problems.days ?? null}
        />
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {busy ? t('tokens.creating') : t('tokens.create')}
        </button>
      </form>
    </section>
  )
}
