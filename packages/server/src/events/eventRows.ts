import type { DomainEvent, DomainEventBody, EventKind, StoredEvent } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
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

export async function insertEvents(
  db: Kysely<Database>,
  events: readonly DomainEvent[],
): Promise<StoredEvent[]> {
  if (events.length === 0) return []
  const rows = await db
    .insertInto('events')
    .values(
      events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        subject: e.subject,
        org_id: e.orgId,
        audience: e.audience === null ? null : [...e.audience],
        body: JSON.stringify(e.body),
      })),
    )
    .returningAll()
    .execute()
  return rows.map(toStoredEvent).sort((a, b) => a.seq - b.seq)
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
