import type { StoredEvent } from '@liaison/core'
import { eventVisibleTo } from '@liaison/core'
import type { Kysely } from 'kysely'
import { readEvents, toStoredEvent } from '../events/eventRows.ts'
import type { PageRequest } from '../store/keyset.ts'
import type { Database } from '../store/schema.ts'

export interface Notification {
  readonly seq: number
  readonly at: Date
  readonly kind: 'task-assigned' | 'case-joined' | 'sitrep-approved' | 'case-closed'
  readonly caseId: string
  readonly title: string
  readonly unread: boolean
}

/**
 * What concerns a user, from the node's events: a task given to them or their organisation, a
 * case their organisation was brought into, a report approved or a case closed in a case they
 * take part in. Nothing is stored per notification: they are read off the events.
 */
export function notificationOf(
  event: StoredEvent,
  user: { id: string; orgId: string },
  readUpTo: number,
): Notification | null {
  if (!eventVisibleTo(event, user.orgId)) return null
  const base = { seq: event.seq, at: event.at, unread: event.seq > readUpTo }
  const body = event.body
  switch (body.kind) {
    case 'task.created':
      if (body.task.createdBy === user.id) return null
      if (
        body.task.assigneeUserId === user.id ||
        (body.task.assigneeUserId === null && body.task.assigneeOrgId === user.orgId)
      ) {
        return { ...base, kind: 'task-assigned', caseId: body.task.caseId, title: body.task.title }
      }
      return null
    case 'case.opened':
      return body.case.participants.includes(user.orgId)
        ? { ...base, kind: 'case-joined', caseId: body.case.id, title: body.case.title }
        : null
    case 'case.updated':
      if (body.changed.includes('participants') && body.case.participants.includes(user.orgId))
        return { ...base, kind: 'case-joined', caseId: body.case.id, title: body.case.title }
      if (body.changed.includes('state') && body.case.state === 'closed')
        return { ...base, kind: 'case-closed', caseId: body.case.id, title: body.case.title }
      return null
    case 'sitrep.approved':
      return { ...base, kind: 'sitrep-approved', caseId: body.sitrep.caseId, title: `#${body.sitrep.number}` }
    case 'organisation.added':
    case 'log-entry.appended':
    case 'task.updated':
    case 'decision.recorded':
    case 'sitrep.drafted':
    case 'sitrep.revised':
    case 'handover.prepared':
    case 'handover.signed-off':
    case 'roster.changed':
    case 'map-feature.saved':
    case 'map-feature.removed':
    case 'attachment.added':
    case 'plan.saved':
      return null
    default: {
      const exhaustive: never = body
      return exhaustive
    }
  }
}

/** The user's latest notifications, newest first, scanning at most the last `window` events. */
export async function notificationsFor(
  db: Kysely<Database>,
  user: { id: string; orgId: string },
  window = 2_000,
  limit = 50,
): Promise<Notification[]> {
  const head = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  const from = Math.max(0, Number(head?.seq ?? 0) - window)
  const read = await db
    .selectFrom('notification_reads')
    .select('read_up_to')
    .where('user_id', '=', user.id)
    .executeTakeFirst()
  const events = await readEvents(db, from, window)
  return events
    .map((e) => notificationOf(e, user, read?.read_up_to ?? 0))
    .filter((n): n is Notification => n !== null)
    .reverse()
    .slice(0, limit)
}

/** The kinds of event `notificationOf` may turn into a notification. */
const notifiableKinds = ['task.created', 'case.opened', 'case.updated', 'sitrep.approved'] as const

/**
 * A page of the user's notifications, newest first, from the events before `page.after` (its
 * key is an event number). Events are read backwards in batches, at most `scanLimit` per page;
 * `next` is where to go on: after the last notification of a full page, or after the last event
 * read when the scan stopped first (such a page holds fewer than `limit`), null when no event
 * is left.
 */
export async function pageNotifications(
  db: Kysely<Database>,
  user: { id: string; orgId: string },
  page: PageRequest<number>,
  scanLimit = 5_000,
): Promise<{ items: Notification[]; next: number | null }> {
  const read = await db
    .selectFrom('notification_reads')
    .select('read_up_to')
    .where('user_id', '=', user.id)
    .executeTakeFirst()
  const readUpTo = read?.read_up_to ?? 0
  const batch = Math.min(500, scanLimit)
  const found: Notification[] = []
  let before = page.after?.key ?? null
  let scanned = 0
  for (;;) {
    let q = db
      .selectFrom('events')
      .selectAll()
      .where('kind', 'in', notifiableKinds)
      .orderBy('seq', 'desc')
      .limit(batch)
    if (before !== null) q = q.where('seq', '<', before)
    const rows = await q.execute()
    for (const row of rows) {
      const n = notificationOf(toStoredEvent(row), user, readUpTo)
      before = Number(row.seq)
      if (!n) continue
      found.push(n)
      if (found.length > page.limit) {
        const items = found.slice(0, page.limit)
        return { items, next: items.at(-1)?.seq ?? null }
      }
    }
    scanned += rows.length
    if (rows.length < batch) return { items: found, next: null }
    if (scanned >= scanLimit) return { items: found, next: before }
  }
}
