import { useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/sessionApi.ts'
import type { UserRecord } from '../api/usersApi.ts'
import { listUsers } from '../api/usersApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { formatDateTime } from '../i18n/formatDateTime.ts'
import { roleLabel } from '../i18n/roleLabel.ts'
import { AddUserForm } from './AddUserForm.tsx'
import { UserEditor } from './UserEditor.tsx'

function UserStatus({ user }: { readonly user: UserRecord }) {
  const { t, i18n } = useTranslation()
  if (user.disabled) return <span className="tag tag-muted">{t('users.disabled')}</span>
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now()) {
    return (
      <span className="tag tag-warning">
        {t('users.lockedUntil', { until: formatDateTime(user.lockedUntil, i18n.language) })}
      </span>
    )
  }
  return <span className="tag">{t('users.active')}</span>
}

/** The users of the admin's organisation: list, add, edit, disable, reset. */
export function UsersPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const users = useLoad(listUsers)
  const [editing, setEditing] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const items = users.data?.items ?? []
  const edited = items.find((u) => u.id === editing) ?? null

  const replace = (changed: UserRecord): void =>
    users.set({ items: items.map((u) => (u.id === changed.id ? changed : u)) })

  return (
    <>
      <h1>{t('users.title')}</h1>
      <LiveStatus message={status} testId="users-status" />
      {users.error !== null && <ErrorAlert error={users.error} />}
      {users.loading && !users.data && <p role="status">{t('app.loading')}</p>}
      {users.data && (
        <table className="table" data-testid="users-table">
          <caption>{t('users.caption', { organisation: me.organisation.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.username')}</th>
              <th scope="col">{t('users.roles')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.totp')}</th>
              <th scope="col">{t('users.lastSignIn')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={7}>{t('users.empty')}</td>
              </tr>
            )}
            {items.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.displayName}</th>
                <td>
                  <code>{user.username}</code>
                </td>
                <td>{user.roles.map((role) => roleLabel(role, t)).join(', ')}</td>
                <td>
                  <UserStatus user={user} />
                </td>
                <td>{user.totpEnrolled ? t('users.totpSet') : t('users.totpNotSet')}</td>
                <td>{user.lastSignInAt ? <DateTime value={user.lastSignInAt} /> : t('app.never')}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={editing === user.id}
                    data-user-id={user.id}
                    onClick={() => setEditing(editing === user.id ? null : user.id)}
                  >
                    {t('users.edit')}
                    <span className="visually-hidden"> {user.displayName}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {edited && (
        <UserEditor
          key={edited.id}
          user={edited}
          isSelf={edited.id === me.user.id}
          onChanged={replace}
          onClose={() => {
            flushSync(() => setEditing(null))
            document.querySelector<HTMLButtonElement>(`button[data-user-id="${edited.id}"]`)?.focus()
          }}
        />
      )}
      <AddUserForm
        onAdded={(user) => {
          users.set({ items: [...items, user] })
          setStatus(t('users.added', { username: user.username }))
        }}
      />
    </>
  )
}
