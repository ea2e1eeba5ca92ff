import type { Kysely } from 'kysely'
import type { NotificationKind, NotificationRecord } from '../notifications/notificationOf.ts'
import type { PageRequest } from './keyset.ts'
import type { Database } from './schema.ts'

/** A stored notification as one reader sees it. */
export interface NotificationRow {
  readonly seq: number
  readonly at: Date
  readonly kind: NotificationKind
  readonly caseId: string
  readonly title: string
}

/** The ids of the node's organisations (those a notification for every viewer goes to). */
export async function organisationIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('organisations').select('id').execute()
  return rows.map((r) => r.id)
}

/** Stores notifications, one row per recipient; one met again (a batch handled twice) is kept as it was. */
export async function insertNotifications(
  db: Kysely<Database>,
  records: readonly NotificationRecord[],
): Promise<void> {
  const rows = records.flatMap((n) =>
    n.recipients.map((r) => ({
      seq: n.seq,
      recipient: r.id,
      recipient_kind: r.kind,
      by_user_id: n.byUserId,
      at: n.at,
      kind: n.kind,
      case_id: n.caseId,
      title: n.title,
    })),
  )
  if (rows.length === 0) return
  await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['recipient', 'seq']).doNothing())
    .execute()
}

/**
 * The user's notifications (theirs and their organisation's, not those they caused), newest
 * first: `limit` of them from before `page.after` (an event number).
 */
export async function notificationRowsFor(
  db: Kysely<Database>,
  user: { readonly id: string; readonly orgId: string },
  page: PageRequest<number>,
): Promise<NotificationRow[]> {
  let q = db
    .selectFrom('notifications')
    .select(['seq', 'at', 'kind', 'case_id', 'title'])
    .where('recipient', 'in', [user.id, user.orgId])
    .where((eb) => eb.or([eb('by_user_id', 'is', null), eb('by_user_id', '!=', user.id)]))
    .orderBy('seq', 'desc')
    .limit(page.limit)
  if (page.after) q = q.where('seq', '<', page.after.key)
  const rows = await q.execute()
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    kind: r.kind as NotificationKind,
    caseId: r.case_id,
    title: r.title,
  }))
}

/** How far the user has read (0: nothing). */
export async function readUpToOf(db: Kysely<Database>, userId: string): Promise<number> {
  const read = await db
    .selectFrom('notification_reads')
    .select('read_up_to')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(read?.read_up_to ?? 0)
}

/** Marks the user's notifications read up to this event number (never back: the greatest one stays). */
export async function markNotificationsRead(
  db: Kysely<Database>,
  userId: string,
  upTo: number,
  at: Date,
): Promise<void> {
  await db
    .insertInto('notification_reads')
    .values({ user_id: userId, read_up_to: upTo, updated_at: at })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet((eb) => ({
        read_up_to: eb.fn('greatest', [eb.ref('notification_reads.read_up_to'), eb.val(upTo)]),
        updated_at: at,
      })),
    )
    .execute()
}
