import type { Distribution, DomainEvent, EventKind, StoredEvent } from '@liaison/core'
import { distributionProblem, reviveEventBody } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import type { Database, EventsTable } from '../schema.ts'

/** The envelope's columns of an event row, numbered or not. */
type EventRow = Omit<Selectable<EventsTable>, 'seq'>

/**
 * An event row as the domain reads it: the distribution checked (a row that is not one is not
 * an event: fail-closed) and the body's times revived as dates, by its kind.
 */
export function toStoredEvent(row: EventRow & { readonly seq: number }): StoredEvent {
  const kind = row.kind as EventKind
  const distribution: unknown = row.distribution
  const problem = distributionProblem(distribution)
  if (problem !== null) throw new Error(`event ${row.id} has no valid distribution (${problem})`)
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    kind,
    subject: row.subject,
    origin: row.origin,
    orgId: row.org_id,
    status: row.status,
    distribution: distribution as Distribution,
    tlp: row.tlp,
    schemaVersion: row.schema_version,
    audience: row.audience,
    body: reviveEventBody(kind, row.body),
  }
}

/** The columns an event is written with, in `pending_events` and then in `events`. */
export function eventColumns(e: DomainEvent) {
  return {
    id: e.id,
    at: e.at,
    kind: e.kind,
    subject: e.subject,
    origin: e.origin,
    org_id: e.orgId,
    status: e.status,
    distribution: JSON.stringify(e.distribution),
    tlp: e.tlp,
    schema_version: e.schemaVersion,
    audience: [...e.audience],
    body: JSON.stringify(e.body),
  }
}

/**
 * The `pending_events` rows of an action's events, unnumbered: `insertPendingAudit` writes them with
 * their audit row, in the action's transaction; the sequencer numbers them once it has committed
 * (decision 012).
 */
export function pendingEventRows(events: readonly DomainEvent[], auditId: string) {
  return events.map((e) => ({ ...eventColumns(e), audit_id: auditId }))
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
    select seq, id, at, kind, subject, origin, org_id, status, distribution, tlp, schema_version, audience, body from (
      select page.*, sum(octet_length(page.body::text)) over (order by page.seq) - octet_length(page.body::text) as before
      from (select * from events where seq > ${afterSeq} order by seq limit ${limits.count}) page
    ) sized
    where before < ${limits.bytes}
    order by seq`.execute(db)
  return rows.map(toStoredEvent)
}

/**
 * The events after `after` and up to `upTo`, oldest first, at most `limit`, only of `kinds`
 * (null: every kind). A processor reads the head first and then this, so that it knows how far
 * it has read even when no event of its kinds was there.
 */
export async function readEventsOfKinds(
  db: Kysely<Database>,
  range: {
    readonly after: number
    readonly upTo: number
    readonly kinds: readonly EventKind[] | null
    readonly limit: number
  },
): Promise<StoredEvent[]> {
  let q = db
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', range.after)
    .where('seq', '<=', range.upTo)
    .orderBy('seq')
    .limit(range.limit)
  if (range.kinds !== null) {
    if (range.kinds.length === 0) return []
    q = q.where('kind', 'in', range.kinds)
  }
  return (await q.execute()).map(toStoredEvent)
}
