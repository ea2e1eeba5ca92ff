import type { FormEvent } from 'react'
import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/sessionApi.ts'
import { changePassword } from '../api/sessionApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { focusFirstInvalid } from '../components/focusFirstInvalid.ts'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import type { PasswordField, PasswordProblems } from './passwordChange.ts'
import { passwordChangeProblems, passwordProblemsFromNode } from './passwordChange.ts'

/**
 * A person changes their own password: the current one, then the new one twice. The node ends
 * their other sessions; this one goes on, and the page says how many ended.
 */
export function ChangePasswordPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [repeatPassword, setRepeatPassword] = useState('')
  const [problems, setProblems] = useState<PasswordProblems>({})
  const [done, setDone] = useState<string | null>(null)
  const { busy, error, setError, run } = useSubmit()
  const formRef = useRef<HTMLFormElement>(null)

  const problem = (field: PasswordField): string | null => {
    const found = problems[field]
    return found ? t(`password.problem.${found}`) : null
  }

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const form = event.currentTarget
    const found = passwordChangeProblems({
      currentPassword,
      newPassword,
      repeatPassword,
      username: me.user.username,
    })
    flushSync(() => {
      setProblems(found)
      setError(null)
      setDone(null)
    })
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form)
      return
    }
    await run(
      async () => {
        const { otherSessionsEnded } = await changePassword({ currentPassword, newPassword })
        setCurrentPassword('')
        setNewPassword('')
        setRepeatPassword('')
        setDone(
          otherSessionsEnded === 0
            ? t('password.changedAlone')
            : t('password.changedOthers', { count: otherSessionsEnded }),
        )
      },
      // the node's problems with a field go on that field, and the keyboard to the first of them
      (caught) => {
        const fromNode = passwordProblemsFromNode(caught)
        flushSync(() => {
          setError(caught)
          if (fromNode) setProblems(fromNode)
        })
        if (fromNode && formRef.current) focusFirstInvalid(formRef.current)
      },
    )
  }

  const fieldsRefused = passwordProblemsFromNode(error) !== null

  return (
    <>
      <h1>{t('password.title')}</h1>
      <p className="lead">{t('password.intro')}</p>
      <LiveStatus message={done} testId="password-changed" />
      <form
        ref={formRef}
        className="card form-narrow"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label={t('password.title')}
        data-testid="password-form"
      >
        {/* the account whose password this is, for password managers; not shown */}
        <input type="text" name="username" autoComplete="username" value={me.user.username} readOnly hidden />
        {error !== null && <ErrorAlert error={error} explain={!fieldsRefused} testId="password-error" />}
        <TextField
          label={t('password.current')}
          hint={t('password.currentHint')}
          type="password"
          value={currentPassword}
          onChange={setCurrentPassword}
          autoComplete="current-password"
          required
          maxLength={1024}
          error={problem('currentPassword')}
          testId="password-current"
        />
        <TextField
          label={t('password.new')}
          hint={t('password.newHint')}
          type="password"
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="new-password"
          required
          error={problem('newPassword')}
          testId="password-new"
        />
        <TextField
          label={t('password.repeat')}
          type="password"
          value={repeatPassword}
          onChange={setRepeatPassword}
          autoComplete="new-password"
          required
          error={problem('repeatPassword')}
          testId="password-repeat"
        />
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {busy ? t('password.submitting') : t('password.submit')}
        </button>
      </form>
    </>
  )
}
