import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NotificationKind } from '../api/notificationsApi.ts'
import { listNotifications, markNotificationsRead } from '../api/notificationsApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'
import { useLiveEvents } from '../live/liveStream.ts'
import { caseHref, hrefOf } from '../router/useHashRoute.ts'

const kindKeys = {
  'task-assigned': 'taskAssigned',
  'case-joined': 'caseJoined',
  'sitrep-approved': 'sitrepApproved',
  'case-closed': 'caseClosed',
  'incoming-item': 'incomingItem',
} as const satisfies Record<NotificationKind, string>

/** The live events after which the node may have news for the user. */
const refreshKinds = new Set([
  'task.created',
  'case.opened',
  'case.updated',
  'sitrep.approved',
  'incoming.received',
])

/** The bell of the header: how many notifications are new, and the list of them. */
export function NotificationsMenu() {
  const { t } = useTranslation()
  const panelId = useId()
  const headingId = useId()
  const notifications = usePages(listNotifications, (n) => String(n.seq))
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const reload = useDebounced(notifications.refresh)

  useLiveEvents((event) => {
    if (refreshKinds.has(event.kind)) reload()
  })

  // a page change may follow a link from the list: close it
  useEffect(() => {
    const onHash = (): void => setOpen(false)
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  const items = notifications.data?.items ?? []
  const unread = items.filter((n) => n.unread).length
  const highest = items.reduce((max, n) => Math.max(max, n.seq), 0)

  const markAll = async (): Promise<void> => {
    setError(null)
    try {
      await markNotificationsRead(highest)
      notifications.refresh()
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <div className="notifications" data-testid="notifications">
      <button
        type="button"
        className="button button-on-dark"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('notifications.button')}{' '}
        <span
          aria-live="polite"
          aria-atomic="true"
          className="notifications-count"
          data-testid="notifications-count"
        >
          {unread > 0 ? t('notifications.count', { number: unread }) : ''}
        </span>
      </button>
      <section id={panelId} className="notifications-panel" aria-labelledby={headingId} hidden={!open}>
        <h2 id={headingId} className="notifications-title">
          {t('notifications.title')}
        </h2>
        {notifications.error !== null && <ErrorAlert error={notifications.error} explain={false} />}
        {error !== null && <ErrorAlert error={error} explain={false} />}
        {notifications.data && items.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
        {items.length > 0 && (
          <ul className="plain-list notifications-list">
            {items.map((n) => (
              <li key={n.seq} className={n.unread ? 'notification notification-unread' : 'notification'}>
                {n.unread && <span className="tag tag-warning">{t('notifications.unreadTag')}</span>}{' '}
                <span>{t(`notifications.${kindKeys[n.kind]}`)}:</span>{' '}
                {/* what a partner sent is read on the duty desk (From partners) */}
                <a href={n.kind === 'incoming-item' ? hrefOf('home') : caseHref(n.caseId)}>{n.title}</a>{' '}
                <span className="muted">
                  <DateTime value={n.at} />
                </span>
              </li>
            ))}
          </ul>
        )}
        {open && (
          <ShowMore
            next={notifications.data?.next ?? null}
            loading={notifications.loading}
            onMore={notifications.more}
            list={t('notifications.title')}
            testId="notifications"
          />
        )}
        {unread > 0 && (
          <button type="button" className="button button-small" onClick={() => void markAll()}>
            {t('notifications.markAll')}
          </button>
        )}
      </section>
    </div>
  )
}
