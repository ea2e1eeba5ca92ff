import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/sessionApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { roleLabel } from '../i18n/roleLabel.ts'
import type { Route } from '../router/useHashRoute.ts'
import { hrefOf } from '../router/useHashRoute.ts'
import { NotificationsMenu } from './NotificationsMenu.tsx'

export interface UserMenuProps {
  readonly me: Me
  readonly onSignOut: (everywhere: boolean) => Promise<void>
  /** The page shown, so that the menu's own page link can say it is the current one. */
  readonly route?: Route | null
}

/** Who is signed in (name, organisation, roles), a way to change the password, and the two ways out. */
export function UserMenu({ me, onSignOut, route = null }: UserMenuProps) {
  const { t } = useTranslation()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const everywhereRef = useRef<HTMLButtonElement>(null)
  const confirmId = useId()

  const leave = async (everywhere: boolean): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await onSignOut(everywhere)
    } catch (caught) {
      setBusy(false)
      setError(caught)
    }
  }

  return (
    <section className="user-menu" aria-label={t('shell.userMenu')} data-testid="user-menu">
      <div className="user-identity">
        <p className="user-name">
          <span className="visually-hidden">{t('shell.signedInAs')} </span>
          {me.user.displayName}
        </p>
        <p className="user-detail">
          <span className="visually-hidden">{t('shell.organisation')}: </span>
          {me.organisation.name}
        </p>
        <p className="user-detail" data-testid="user-roles">
          <span className="visually-hidden">{t('shell.roles')}: </span>
          {me.user.roles.map((role) => roleLabel(role, t)).join(', ')}
        </p>
      </div>
      <div className="user-actions">
        <NotificationsMenu />
        <a
          className="button button-on-dark"
          href={hrefOf('password')}
          aria-current={route === 'password' ? 'page' : undefined}
        >
          {t('shell.changePassword')}
        </a>
        <button
          type="button"
          className="button button-on-dark"
          aria-disabled={busy || undefined}
          onClick={() => void leave(false)}
        >
          {t('shell.signOut')}
        </button>
        <button
          type="button"
          className="button button-on-dark"
          aria-disabled={busy || undefined}
          ref={everywhereRef}
          aria-expanded={confirming}
          aria-controls={confirmId}
          onClick={() => setConfirming(!confirming)}
        >
          {t('shell.signOutEverywhere')}
        </button>
      </div>
      <div id={confirmId} className="confirm confirm-on-dark" hidden={!confirming}>
        {confirming && (
          <>
            <p>{t('shell.signOutEverywhereConfirm')}</p>
            <button
              type="button"
              className="button button-danger"
              aria-disabled={busy || undefined}
              autoFocus
              onClick={() => void leave(true)}
            >
              {t('shell.signOutEverywhereYes')}
            </button>
            <button
              type="button"
              className="button button-on-dark"
              onClick={() => {
                setConfirming(false)
                everywhereRef.current?.focus()
              }}
            >
              {t('app.cancel')}
            </button>
          </>
        )}
      </div>
      {error !== null && <ErrorAlert error={error} />}
    </section>
  )
}
