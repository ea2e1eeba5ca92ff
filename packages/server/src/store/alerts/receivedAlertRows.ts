import type { Insertable, Kysely } from 'kysely'
import { sql } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { Database, ReceivedAlertsTable } from '../schema.ts'

/** A received alert's identity: CAP's (sender, identifier, sent), as the message wrote them. */
export interface CapTriple {
  readonly sender: string
  readonly identifier: string
  readonly sent: string
}

/** The id of the received alert with this identity, if the node holds it. */
export async function findReceivedAlert(
  db: Kysely<Database>,
  triple: CapTriple,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('received_alerts')
    .select('id')
    .where('sender', '=', triple.sender)
    .where('identifier', '=', triple.identifier)
    .where('sent', '=', triple.sent)
    .executeTakeFirst()
  return row?.id
}

/** Of the messages an Update or Cancel references, the newest the node holds (by sent), if any. */
export async function newestReferenced(
  db: Kysely<Database>,
  triples: readonly CapTriple[],
): Promise<string | undefined> {
  if (triples.length === 0) return undefined
  const row = await db
    .selectFrom('received_alerts')
    .select('id')
    .where((eb) =>
      eb.or(
        triples.map((t) =>
          eb.and([eb('sender', '=', t.sender), eb('identifier', '=', t.identifier), eb('sent', '=', t.sent)]),
        ),
      ),
    )
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.id
}

/**
 * Inserts a received alert unless one with its identity is there (two imports at once: one
 * wins); true when this one was written.
 */
export async function insertReceivedAlert(
  db: Kysely<Database>,
  row: Insertable<ReceivedAlertsTable>,
): Promise<boolean> {
  const written = await db
    .insertInto('received_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['sender', 'identifier', 'sent']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return written !== undefined
}

/**
 * Links the received Updates, Cancels, Acks and Errors that reference this message and were
 * imported before it (the link is to the newest referenced message the node holds).
 */
export async function linkEarlierReferrers(
  db: Kysely<Database>,
  id: string,
  triple: CapTriple,
  sentAt: Date,
): Promise<number> {
  const reference = `${triple.sender},${triple.identifier},${triple.sent}`
  const linked = await db
    .updateTable('received_alerts as r')
    .set({ refers_to: id })
    .where('r.id', '!=', id)
    .where('r.msg_type', 'in', ['Update', 'Cancel', 'Ack', 'Error'])
    .where(sql<boolean>`regexp_split_to_array(trim(r.cap_references), '\s+') @> array[${reference}]::text[]`)
    .where((eb) =>
      eb.or([
        eb('r.refers_to', 'is', null),
        eb(
          eb.selectFrom('received_alerts as t').select('t.sent_at').whereRef('t.id', '=', 'r.refers_to'),
          '<',
          sentAt,
        ),
      ]),
    )
    .executeTakeFirst()
  return Number(linked.numUpdatedRows)
}

/** A page of the received alerts, newest sent first (`limit + 1` read). */
export async function pageReceivedAlerts(db: Kysely<Database>, page: PageRequest<Date>) {
  let q = db
    .selectFrom('received_alerts')
    .select([
      'id',
      'sender',
      'identifier',
      'sent',
      'sent_at',
      'status',
      'msg_type',
      'cap_references',
      'refers_to',
      'alert',
      'warnings',
      'file_name',
      'imported_at',
      'imported_by',
    ])
  if (page.after) q = q.where(beyond(page.after, { key: 'sent_at', id: 'id' }))
  return q
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
}
