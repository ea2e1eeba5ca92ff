import type { Kysely } from 'kysely'
import type { PageRequest } from '../store/keyset.ts'
import { notificationRowsFor, readUpToOf } from '../store/notificationRows.ts'
import { headSeq, waitForProcessorCursor } from '../store/processorCursorRows.ts'
import type { Database } from '../store/schema.ts'
import type { NotificationKind } from './notificationOf.ts'
import { notifiableKinds } from './notificationOf.ts'
import { notificationsProcessorName } from './notificationsProcessor.ts'

export interface Notification {
  readonly seq: number
  readonly at: Date
  readonly kind: NotificationKind
  readonly caseId: string
  readonly title: string
  readonly unread: boolean
}

/** How long a reader waits for the notifications processor to reach the events committed before it read. */
const catchUpMs = 2_000

/**
 * Waits (at most two seconds) until the `notifications` processor has handled every event
 * committed so far, so that a reader sees the notifications of what was just done; past that it
 * reads what there is. Never inside a transaction.
 */
export async function notificationsCaughtUp(db: Kysely<Database>): Promise<boolean> {
  return waitForProcessorCursor(db, notificationsProcessorName, await headSeq(db), {
    kinds: notifiableKinds,
    timeoutMs: catchUpMs,
  })
}

/** The user's latest notifications, newest first (the handover's unread items). */
export async function notificationsFor(
  db: Kysely<Database>,
  user: { id: string; orgId: string },
  limit = 50,
): Promise<Notification[]> {
  return (await pageNotifications(db, user, { limit })).items
}

/**
 * A page of the user's notifications, newest first, from the materialised notifications before
 * `page.after` (its key is an event number); `next` is the last item's seq when more follow, null
 * at the end.
 */
export async function pageNotifications(
  db: Kysely<Database>,
  user: { id: string; orgId: string },
  page: PageRequest<number>,
): Promise<{ items: Notification[]; next: number | null }> {
  const readUpTo = await readUpToOf(db, user.id)
  const rows = await notificationRowsFor(db, user, { ...page, limit: page.limit + 1 })
  const items = rows.slice(0, page.limit).map((n) => ({ ...n, unread: n.seq > readUpTo }))
  return { items, next: rows.length > page.limit ? (items.at(-1)?.seq ?? null) : null }
}
