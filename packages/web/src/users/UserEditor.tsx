import type { Role } from '@liaison/core'
import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { roles as allRoles } from '@liaison/core'
import type { UserChange, UserRecord } from '../api/usersApi.ts'
import { resetUser, updateUser } from '../api/usersApi.ts'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { focusFirstInvalid } from '../components/focusFirstInvalid.ts'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import type { UserProblem } from './userProblems.ts'
import { displayNameProblem, passwordProblem, rolesProblem } from './userProblems.ts'

export interface UserEditorProps {
  readonly user: UserRecord
  /** The signed-in admin: they cannot disable their own account from here. */
  readonly isSelf: boolean
  readonly onChanged: (user: UserRecord) => void
  readonly onClose: () => void
}

const isRole = (value: string): value is Role => (allRoles as readonly string[]).includes(value)

const sameRoles = (a: readonly Role[], b: readonly Role[]): boolean =>
  a.length === b.length && a.every((role) => b.includes(role))

/** Name and roles, disabling, and resetting the password or one-time code of one user. */
export function UserEditor({ user, isSelf, onChanged, onClose }: UserEditorProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const resetTotpRef = useRef<HTMLButtonElement>(null)
  const [displayName, setDisplayName] = useState(user.displayName)
  const [roles, setRoles] = useState<Role[]>([...user.roles])
  const [newPassword, setNewPassword] = useState('')
  const [problems, setProblems] = useState<{
    displayName?: UserProblem
    roles?: UserProblem
    password?: UserProblem
  }>({})
  const [confirmingTotp, setConfirmingTotp] = useState(false)
  const { busy, error, setError, run } = useSubmit()
  const [status, setStatus] = useState<string | null>(null)

  // Opening the editor (or switching to another user) puts the keyboard at its heading.
  useEffect(() => {
    headingRef.current?.focus()
  }, [user.id])

  const problem = (key: keyof typeof problems): string | null => {
    const found = problems[key]
    return found ? t(`users.${found}`) : null
  }

  const apply = async (
    change: () => Promise<UserRecord>,
    done: (user: UserRecord) => string,
  ): Promise<boolean> => {
    if (busy) return false
    setError(null)
    setStatus(null)
    return run(async () => {
      const changed = await change()
      onChanged(changed)
      setStatus(done(changed))
    })
  }

  const save = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    const form = event.currentTarget
    const displayNameIssue = displayNameProblem(displayName)
    const rolesIssue = rolesProblem(roles)
    const found = {
      ...(displayNameIssue ? { displayName: displayNameIssue } : {}),
      ...(rolesIssue ? { roles: rolesIssue } : {}),
    }
    flushSync(() => setProblems(found))
    if (Object.keys(found).length > 0) return focusFirstInvalid(form)
    const change: UserChange = {
      ...(displayName.trim() !== user.displayName ? { displayName: displayName.trim() } : {}),
      ...(sameRoles(roles, user.roles) ? {} : { roles }),
    }
    if (Object.keys(change).length === 0) {
      setStatus(t('users.unchanged'))
      return
    }
    await apply(
      () => updateUser(user.id, change),
      (changed) => t('users.saved', { name: changed.displayName }),
    )
  }

  const resetPassword = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    const form = event.currentTarget
    const found = passwordProblem(newPassword, user.username)
    flushSync(() => setProblems(found ? { password: found } : {}))
    if (found) return focusFirstInvalid(form)
    const ok = await apply(
      () => resetUser(user.id, { password: newPassword }),
      (changed) => t('users.passwordResetDone', { name: changed.displayName }),
    )
    if (ok) setNewPassword('')
  }

  const closeTotpConfirm = (): void => {
    flushSync(() => setConfirmingTotp(false))
    resetTotpRef.current?.focus()
  }

  return (
    <section className="card editor" aria-labelledby={titleId} data-testid="user-editor">
      <div className="editor-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {t('users.editTitle', { name: user.displayName })}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {t('users.close')}
        </button>
      </div>
      {error !== null && <ErrorAlert error={error} />}
      <LiveStatus message={status} />

      <form noValidate onSubmit={(event) => void save(event)}>
        <TextField
          label={t('users.displayName')}
          value={displayName}
          onChange={setDisplayName}
          autoComplete="off"
          maxLength={120}
          error={problem('displayName')}
        />
        <CheckboxGroup
          legend={t('users.rolesLegend')}
          options={allRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          selected={roles}
          onChange={(selected) => setRoles(selected.filter(isRole))}
          error={problem('roles')}
        />
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {busy ? t('users.saving') : t('users.save')}
        </button>
      </form>

      {!isSelf && (
        <>
          <h3>{t('users.accountTitle')}</h3>
          <button
            type="button"
            className={user.disabled ? 'button' : 'button button-danger'}
            aria-disabled={busy || undefined}
            onClick={() =>
              void apply(
                () => updateUser(user.id, { disabled: !user.disabled }),
                (changed) =>
                  t(changed.disabled ? 'users.disabledDone' : 'users.enabledDone', {
                    name: changed.displayName,
                  }),
              )
            }
          >
            {user.disabled ? t('users.enable') : t('users.disable')}
          </button>
        </>
      )}

      <h3>{t('users.resetTitle')}</h3>
      <p className="field-hint">{t('users.resetNotice')}</p>
      <form noValidate onSubmit={(event) => void resetPassword(event)} className="inline-form">
        <TextField
          label={t('users.newPassword')}
          hint={t('users.passwordHint')}
          type="password"
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="new-password"
          maxLength={256}
          error={problem('password')}
        />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t('users.resetPassword')}
        </button>
      </form>
      {!confirmingTotp ? (
        <button
          type="button"
          className="button"
          aria-disabled={busy || undefined}
          ref={resetTotpRef}
          onClick={() => setConfirmingTotp(true)}
        >
          {t('users.resetTotp')}
        </button>
      ) : (
        <div className="confirm" role="group" aria-label={t('users.resetTotp')}>
          <p>{t('users.resetTotpConfirm', { name: user.displayName })}</p>
          <button
            type="button"
            className="button button-danger"
            aria-disabled={busy || undefined}
            autoFocus
            onClick={() =>
              void apply(
                () => resetUser(user.id, { totp: true }),
                (changed) => t('users.totpResetDone', { name: changed.displayName }),
              ).then(closeTotpConfirm)
            }
          >
            {t('users.resetTotpYes')}
          </button>
          <button type="button" className="button" onClick={closeTotpConfirm}>
            {t('app.cancel')}
          </button>
        </div>
      )}
    </section>
  )
}
