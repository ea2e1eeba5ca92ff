import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CalendarEvent } from '../api/dutyApi.ts'
import { createCalendarFeed, listCalendarEvents, revokeCalendarFeed } from '../api/dutyApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { StateTag, StatusBadge } from '../cases/StatusBadge.tsx'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { brusselsDate } from '../handover/brusselsDates.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { dateLocale } from '../i18n/formatDateTime.ts'
import { caseHref } from '../router/useHashRoute.ts'

/** The events grouped by their Brussels start date, in order. */
function byDay(events: readonly CalendarEvent[]): [string, CalendarEvent[]][] {
  const days = new Map<string, CalendarEvent[]>()
  for (const event of events) {
    const day = brusselsDate(new Date(event.startsAt))
    days.set(day, [...(days.get(day) ?? []), event])
  }
  return [...days.entries()]
}

/** A new calendar address, shown this once, with a copy button and a way to revoke it. */
function FeedAddress({
  feed,
  onDone,
}: {
  readonly feed: { readonly id: string; readonly url: string }
  readonly onDone: (revoked: boolean) => void
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const urlRef = useRef<HTMLElement>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    headingRef.current?.focus()
  }, [feed.id])

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(feed.url)
      setStatus(t('calendar.copied'))
    } catch {
      const selection = window.getSelection()
      if (urlRef.current && selection) {
        const range = document.createRange()
        range.selectNodeContents(urlRef.current)
        selection.removeAllRanges()
        selection.addRange(range)
      }
      setStatus(t('calendar.copyFailed'))
    }
  }

  const revoke = async (): Promise<void> => {
    setError(null)
    try {
      await revokeCalendarFeed(feed.id)
      onDone(true)
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <section className="card secret-panel" aria-labelledby={titleId}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {t('calendar.feedTitle')}
      </h3>
      <p className="secret-notice">
        <strong>{t('calendar.feedNotice')}</strong>
      </p>
      <p>
        <code className="secret wrap-anywhere" ref={urlRef} data-testid="calendar-url">
          {feed.url}
        </code>
      </p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {t('calendar.copy')}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          {t('calendar.done')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void revoke()}>
          {t('calendar.revoke')}
        </button>
      </div>
      {error !== null && <ErrorAlert error={error} />}
      <LiveStatus message={status} />
    </section>
  )
}

/** Planned events to come (VIP visits, exercises…), and a calendar address for calendar programs. */
export function CalendarPage({ me }: { readonly me: Me }) {
  const { t, i18n } = useTranslation()
  const listId = useId()
  const feedId = useId()
  const events = useLoad(listCalendarEvents)
  const [feed, setFeed] = useState<{ readonly id: string; readonly url: string } | null>(null)
  const [feedError, setFeedError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const mayManage = me.permissions.includes('cases.manage')
  const dayFormat = new Intl.DateTimeFormat(dateLocale(i18n.language), {
    timeZone: 'UTC',
    dateStyle: 'full',
  })

  const create = async (): Promise<void> => {
    setFeedError(null)
    setStatus(null)
    try {
      setFeed(await createCalendarFeed())
    } catch (caught) {
      setFeedError(caught)
    }
  }

  const items = events.data?.items ?? []

  return (
    <>
      <h1>{t('calendar.title')}</h1>
      <p className="lead">{t('calendar.intro')}</p>

      <section aria-labelledby={listId}>
        <h2 id={listId}>{t('calendar.upcoming')}</h2>
        {events.error !== null && <ErrorAlert error={events.error} />}
        {events.loading && !events.data && <p role="status">{t('app.loading')}</p>}
        {events.data && items.length === 0 && <p className="muted">{t('calendar.empty')}</p>}
        <div data-testid="calendar-events">
          {byDay(items).map(([day, list]) => (
            <div key={day} className="calendar-day">
              <h3>
                <time dateTime={day}>{dayFormat.format(new Date(`${day}T12:00:00Z`))}</time>
              </h3>
              <ul className="plain-list">
                {list.map((event) => (
                  <li
                    key={event.id}
                    className={
                      event.status === 'actual' ? 'calendar-event' : `calendar-event row-${event.status}`
                    }
                  >
                    {event.status !== 'actual' && (
                      <>
                        <StatusBadge status={event.status} />{' '}
                      </>
                    )}
                    <a href={caseHref(event.id)}>{event.title}</a> <code>{event.type}</code>{' '}
                    <StateTag state={event.state} />
                    <br />
                    <span className="muted">
                      <DateTime value={event.startsAt} />
                      {event.endsAt && (
                        <>
                          {' – '}
                          <DateTime value={event.endsAt} />
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>

      {mayManage && (
        <section aria-labelledby={feedId}>
          <h2 id={feedId}>{t('calendar.feedsTitle')}</h2>
          <p>{t('calendar.feedsIntro')}</p>
          {feed ? (
            <FeedAddress
              feed={feed}
              onDone={(revoked) => {
                setFeed(null)
                setStatus(revoked ? t('calendar.revoked') : null)
              }}
            />
          ) : (
            <button type="button" className="button button-primary" onClick={() => void create()}>
              {t('calendar.create')}
            </button>
          )}
          {feedError !== null && <ErrorAlert error={feedError} />}
          <LiveStatus message={status} />
        </section>
      )}
    </>
  )
}
