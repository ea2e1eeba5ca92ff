import type { Role } from '@liaison/core'
import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { UserRecord } from '../api/usersApi.ts'
import { addUser } from '../api/usersApi.ts'
import { roles as allRoles } from '@liaison/core'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { focusFirstInvalid } from '../components/focusFirstInvalid.ts'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import type { UserProblem } from './userProblems.ts'
import { displayNameProblem, passwordProblem, rolesProblem, usernameProblem } from './userProblems.ts'

interface Problems {
  readonly username: UserProblem | null
  readonly displayName: UserProblem | null
  readonly password: UserProblem | null
  readonly roles: UserProblem | null
}

const isRole = (value: string): value is Role => (allRoles as readonly string[]).includes(value)

/** Adds a user to the admin's organisation with an initial password and roles. */
export function AddUserForm({ onAdded }: { readonly onAdded: (user: UserRecord) => void }) {
  const { t } = useTranslation()
  const titleId = useId()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [roles, setRoles] = useState<Role[]>([])
  const [problems, setProblems] = useState<Problems | null>(null)
  const { busy, error, setError, run } = useSubmit()

  const problem = (key: keyof Problems): string | null => {
    const found = problems?.[key]
    return found ? t(`users.${found}`) : null
  }

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const name = username.trim().toLowerCase()
    const found: Problems = {
      username: usernameProblem(name),
      displayName: displayNameProblem(displayName),
      password: passwordProblem(password, name),
      roles: rolesProblem(roles),
    }
    const form = event.currentTarget
    flushSync(() => {
      setProblems(found)
      setError(null)
    })
    if (Object.values(found).some((p) => p !== null)) {
      focusFirstInvalid(form)
      return
    }
    await run(async () => {
      const user = await addUser({ username: name, displayName: displayName.trim(), roles, password })
      setUsername('')
      setDisplayName('')
      setPassword('')
      setRoles([])
      setProblems(null)
      onAdded(user)
    })
  }

  return (
    <section aria-labelledby={titleId} className="card">
      <h2 id={titleId}>{t('users.addTitle')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)} data-testid="add-user-form">
        {error !== null && <ErrorAlert error={error} />}
        <TextField
          label={t('users.username')}
          hint={t('users.problemUsername')}
          value={username}
          onChange={setUsername}
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={64}
          error={problem('username')}
        />
        <TextField
          label={t('users.displayName')}
          value={displayName}
          onChange={setDisplayName}
          autoComplete="off"
          required
          maxLength={120}
          error={problem('displayName')}
        />
        <TextField
          label={t('users.initialPassword')}
          hint={t('users.passwordHint')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          required
          maxLength={256}
          error={problem('password')}
        />
        <CheckboxGroup
          legend={t('users.rolesLegend')}
          options={allRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          selected={roles}
          onChange={(selected) => setRoles(selected.filter(isRole))}
          error={problem('roles')}
        />
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {busy ? t('users.adding') : t('users.add')}
        </button>
      </form>
    </section>
  )
}
