import type { DomainEvent, DomainEventBody, EventKind, StoredEvent } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import type { Database, EventsTable } from '../store/schema.ts'

export function toStoredEvent(row: Selectable<EventsTable>): StoredEvent {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    kind: row.kind as EventKind,
    subject: row.subject,
    orgId: row.org_id,
    audience: row.audience,
    body: row.body as DomainEventBody,
  }
}

/**
 * The `pending_events` rows of an action's events, unnumbered: `insertPendingAudit` writes them with
 * their audit row, in the action's transaction; the sequencer numbers them once it has committed
 * (decision 012).
 */
export function pendingEventRows(events: readonly DomainEvent[], auditId: string) {
  return events.map((e) => ({
    id: e.id,
    audit_id: auditId,
    at: e.at,
    kind: e.kind,
    subject: e.subject,
    org_id: e.orgId,
    audience: e.audience === null ? null : [...e.audience],
    body: JSON.stringify(e.body),
  }))
}

/** Events after `afterSeq`, oldest first. */
export async function readEvents(
  db: Kysely<Database>,
  afterSeq: number,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map(toStoredEvent)
}

/**
 * The next events after `afterSeq`, oldest first: at most `count` of them, and no more than `bytes`
 * of bodies beyond the first (the first always comes, however large), so that a reader catching up
 * on a long backlog holds one bounded page at a time.
 */
export async function readEventPage(
  db: Kysely<Database>,
  afterSeq: number,
  limits: { readonly count: number; readonly bytes: number },
): Promise<StoredEvent[]> {
  const { rows } = await sql<Selectable<EventsTable>>`
    select seq, id, at, kind, subject, org_id, audience, body from (
      select page.*, sum(octet_length(page.body::text)) over (order by page.seq) - octet_length(page.body::text) as before
      from (select * from events where seq > ${afterSeq} order by seq limit ${limits.count}) page
    ) sized
    where before < ${limits.bytes}
    order by seq`.execute(db)
  return rows.map(toStoredEvent)
}
