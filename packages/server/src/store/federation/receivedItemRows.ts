import type { ItemReceipt, ReceivedItemKind } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import { beyond } from '../keyset.ts'
import type { PageRequest } from '../keyset.ts'
import type { Database, ReceivedItemsTable } from '../schema.ts'

export type ReceivedItemRow = Selectable<ReceivedItemsTable>

/** The peers with inbox entries not yet applied. */
export async function peersWithUnapplied(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('federation_inbox')
    .select('peer')
    .distinct()
    .where('applied_at', 'is', null)
    .orderBy('peer')
    .execute()
  return rows.map((r) => r.peer)
}

/**
 * Locks a peer's state row until the transaction ends, so that one applier at a time works on a
 * peer's inbox (another process waits, then finds the entries applied). False: no such peer.
 */
export async function lockPeerForApply(tx: Kysely<Database>, peer: string): Promise<boolean> {
  const row = await tx
    .selectFrom('federation_peer_state')
    .select('peer')
    .where('peer', '=', peer)
    .forUpdate()
    .executeTakeFirst()
  return row !== undefined
}

/** A peer's inbox entries not applied yet, in seq order, at most `limit`. */
export async function unappliedEntries(
  tx: Kysely<Database>,
  peer: string,
  limit: number,
): Promise<{ seq: number; event: unknown }[]> {
  return tx
    .selectFrom('federation_inbox')
    .select(['seq', 'event'])
    .where('peer', '=', peer)
    .where('applied_at', 'is', null)
    .orderBy('seq')
    .limit(limit)
    .execute()
}

/** Marks inbox entries done (applied or skipped), in the transaction that wrote what they changed. */
export async function markInboxDone(
  tx: Kysely<Database>,
  peer: string,
  done: { readonly applied: readonly number[]; readonly skipped: readonly number[] },
  at: Date,
): Promise<void> {
  for (const outcome of ['applied', 'skipped'] as const) {
    const seqs = done[outcome]
    if (seqs.length === 0) continue
    await tx
      .updateTable('federation_inbox')
      .set({ applied_at: at, outcome })
      .where('peer', '=', peer)
      .where('seq', 'in', [...seqs])
      .execute()
  }
}

/** How many of a peer's inbox entries were applied, skipped, and wait. */
export async function inboxOutcomes(
  db: Kysely<Database>,
  peer: string,
): Promise<{ applied: number; skipped: number; waiting: number }> {
  const rows = await db
    .selectFrom('federation_inbox')
    .select(['outcome', (eb) => eb.fn.countAll<string>().as('n')])
    .where('peer', '=', peer)
    .groupBy('outcome')
    .execute()
  const count = (o: string | null) => Number(rows.find((r) => r.outcome === o)?.n ?? 0)
  return { applied: count('applied'), skipped: count('skipped'), waiting: count(null) }
}

/** The owner and participants of the origin's cases as last received, by case id. */
export async function receivedCaseMembers(
  db: Kysely<Database>,
  origin: string,
  caseIds: readonly string[],
): Promise<Map<string, readonly string[]>> {
  const members = new Map<string, readonly string[]>()
  if (caseIds.length === 0) return members
  const rows = await db
    .selectFrom('received_items')
    .select(['id', 'owner_org_id', 'item'])
    .where('origin', '=', origin)
    .where('kind', '=', 'case')
    .where('id', 'in', [...new Set(caseIds)])
    .execute()
  for (const r of rows) {
    const participants = (r.item as { participants?: unknown }).participants
    const list = Array.isArray(participants) ? participants.filter((p) => typeof p === 'string') : []
    members.set(r.id, [r.owner_org_id, ...list])
  }
  return members
}

/** Which of these items of an origin this node holds already (as `kind id`). */
export async function heldReceivedKeys(
  db: Kysely<Database>,
  origin: string,
  keys: readonly { readonly kind: ReceivedItemKind; readonly id: string }[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set()
  const rows = await db
    .selectFrom('received_items')
    .select(['kind', 'id'])
    .where('origin', '=', origin)
    .where('id', 'in', [...new Set(keys.map((k) => k.id))])
    .execute()
  return new Set(rows.map((r) => `${r.kind} ${r.id}`))
}

/** The received item of that origin, kind and id, or undefined. */
export async function findReceivedItem(
  db: Kysely<Database>,
  key: { readonly origin: string; readonly kind: ReceivedItemKind; readonly id: string },
): Promise<ReceivedItemRow | undefined> {
  return db
    .selectFrom('received_items')
    .selectAll()
    .where('origin', '=', key.origin)
    .where('kind', '=', key.kind)
    .where('id', '=', key.id)
    .executeTakeFirst()
}

/** What applying an event writes for one item. */
export interface ReceivedItemWrite {
  readonly origin: string
  readonly kind: ReceivedItemKind
  readonly id: string
  readonly peer: string
  readonly caseId: string | null
  readonly ownerOrgId: string
  readonly status: ReceivedItemsTable['status']
  readonly tlp: string
  readonly distribution: unknown
  readonly audience: readonly string[]
  readonly title: string
  readonly item: unknown
  readonly eventId: string
  readonly changedAt: Date
  readonly receivedAt: Date
}

/**
 * Keeps an item as its origin last wrote it: a new one inserted, a known one replaced (its first
 * reception, its correction and its acknowledgement kept). The same event again writes the same.
 */
export async function upsertReceivedItem(tx: Kysely<Database>, w: ReceivedItemWrite): Promise<void> {
  const values = {
    peer: w.peer,
    case_id: w.caseId,
    owner_org_id: w.ownerOrgId,
    status: w.status,
    tlp: w.tlp,
    distribution: JSON.stringify(w.distribution),
    audience: [...w.audience],
    title: w.title,
    item: JSON.stringify(w.item),
    event_id: w.eventId,
    changed_at: w.changedAt,
  }
  await tx
    .insertInto('received_items')
    .values({ origin: w.origin, kind: w.kind, id: w.id, received_at: w.receivedAt, ...values })
    .onConflict((oc) => oc.columns(['origin', 'kind', 'id']).doUpdateSet(values))
    .execute()
}

/** A received log entry corrected by a later one. */
export async function markSuperseded(
  tx: Kysely<Database>,
  origin: string,
  entryId: string,
  by: string,
): Promise<void> {
  await tx
    .updateTable('received_items')
    .set({ superseded_by: by })
    .where('origin', '=', origin)
    .where('kind', '=', 'log-entry')
    .where('id', '=', entryId)
    .execute()
}

/** A received item its origin removed (a map feature): kept, marked, and no longer drawn. */
export async function markRemoved(
  tx: Kysely<Database>,
  key: { readonly origin: string; readonly kind: ReceivedItemKind; readonly id: string },
  at: Date,
): Promise<void> {
  await tx
    .updateTable('received_items')
    .set({ removed_at: at })
    .where('origin', '=', key.origin)
    .where('kind', '=', key.kind)
    .where('id', '=', key.id)
    .execute()
}

/** The items of the origin's case (not the case itself), with their distribution, to re-derive their audience. */
export async function receivedItemsOfCase(
  tx: Kysely<Database>,
  origin: string,
  caseId: string,
): Promise<{ kind: ReceivedItemKind; id: string; ownerOrgId: string; distribution: unknown }[]> {
  const rows = await tx
    .selectFrom('received_items')
    .select(['kind', 'id', 'owner_org_id', 'distribution'])
    .where('origin', '=', origin)
    .where('case_id', '=', caseId)
    .where('kind', '!=', 'case')
    .execute()
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    ownerOrgId: r.owner_org_id,
    distribution: r.distribution,
  }))
}

/** Sets the audience of received items, one statement per distinct audience. */
export async function setReceivedAudiences(
  tx: Kysely<Database>,
  origin: string,
  audiences: readonly {
    readonly kind: ReceivedItemKind
    readonly id: string
    readonly audience: readonly string[]
  }[],
): Promise<void> {
  const byAudience = new Map<string, { audience: string[]; keys: { kind: string; id: string }[] }>()
  for (const a of audiences) {
    const key = JSON.stringify(a.audience)
    const group = byAudience.get(key) ?? { audience: [...a.audience], keys: [] }
    group.keys.push({ kind: a.kind, id: a.id })
    byAudience.set(key, group)
  }
  for (const { audience, keys } of byAudience.values()) {
    for (let i = 0; i < keys.length; i += 500) {
      const part = keys.slice(i, i + 500)
      await tx
        .updateTable('received_items')
        .set({ audience })
        .where('origin', '=', origin)
        .where((eb) =>
          eb.or(part.map((k) => eb.and([eb('kind', '=', k.kind as ReceivedItemKind), eb('id', '=', k.id)]))),
        )
        .execute()
    }
  }
}

const seenBy = (orgId: string) => sql<boolean>`${orgId}::text = any(audience)`

/**
 * What an organisation of this node sees of what partners sent, newest received first, of one
 * status only (actual, exercise and test never mix): cases, log entries and tasks (map
 * features are on the map), a page at a time.
 */
export async function pageIncoming(
  db: Kysely<Database>,
  query: {
    readonly orgId: string
    readonly status: ReceivedItemsTable['status']
    readonly kind?: ReceivedItemKind | undefined
    readonly origin?: string | undefined
    readonly unacknowledged?: boolean | undefined
  },
  page: PageRequest<Date>,
): Promise<ReceivedItemRow[]> {
  let q = db
    .selectFrom('received_items')
    .selectAll()
    .where('status', '=', query.status)
    .where(seenBy(query.orgId))
    .where('removed_at', 'is', null)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
  q = query.kind ? q.where('kind', '=', query.kind) : q.where('kind', '!=', 'map-feature')
  if (query.origin) q = q.where('origin', '=', query.origin)
  if (query.unacknowledged) q = q.where('acknowledged_at', 'is', null)
  if (page.after) q = q.where(beyond(page.after, { key: 'received_at', id: 'id' }))
  return q.execute()
}

/**
 * The log entries and tasks of a received case that an organisation sees, oldest first by when
 * its origin wrote them (the case's own log), a page at a time.
 */
export async function pageReceivedCaseItems(
  db: Kysely<Database>,
  query: {
    readonly orgId: string
    readonly origin: string
    readonly caseId: string
    readonly kind: Exclude<ReceivedItemKind, 'case'>
  },
  page: PageRequest<Date>,
): Promise<ReceivedItemRow[]> {
  let q = db
    .selectFrom('received_items')
    .selectAll()
    .where('origin', '=', query.origin)
    .where('case_id', '=', query.caseId)
    .where('kind', '=', query.kind)
    .where(seenBy(query.orgId))
    .orderBy('changed_at', 'asc')
    .orderBy('id', 'asc')
    .limit(page.limit + 1)
  if (query.kind === 'map-feature') q = q.where('removed_at', 'is', null)
  if (page.after) q = q.where(beyond(page.after, { key: 'changed_at', id: 'id' }, 'asc'))
  return q.execute()
}

/** The map features partners sent that an organisation sees, of one status, newest received first. */
export async function pageReceivedFeatures(
  db: Kysely<Database>,
  query: { readonly orgId: string; readonly status: ReceivedItemsTable['status'] },
  page: PageRequest<Date>,
): Promise<ReceivedItemRow[]> {
  let q = db
    .selectFrom('received_items')
    .selectAll()
    .where('kind', '=', 'map-feature')
    .where('status', '=', query.status)
    .where('removed_at', 'is', null)
    .where(seenBy(query.orgId))
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
  if (page.after) q = q.where(beyond(page.after, { key: 'received_at', id: 'id' }))
  return q.execute()
}

/** Records a person's acknowledgement of a received item, once: false if it was acknowledged already. */
export async function acknowledgeReceivedItem(
  tx: Kysely<Database>,
  key: { readonly origin: string; readonly kind: ReceivedItemKind; readonly id: string },
  by: { readonly orgId: string; readonly name: string; readonly at: Date },
): Promise<boolean> {
  const result = await tx
    .updateTable('received_items')
    .set({ acknowledged_at: by.at, acknowledged_by: by.name, acknowledged_org_id: by.orgId })
    .where('origin', '=', key.origin)
    .where('kind', '=', key.kind)
    .where('id', '=', key.id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Keeps the receipts a peer sent for this node's items; a receipt met again keeps its first time. */
export async function upsertReceipts(
  tx: Kysely<Database>,
  node: string,
  receipts: readonly ItemReceipt[],
  at: Date,
): Promise<void> {
  if (receipts.length === 0) return
  const unique = new Map(receipts.map((r) => [`${r.itemId} ${r.state}`, r]))
  await tx
    .insertInto('federation_receipts')
    .values(
      [...unique.values()].map((r) => ({
        item_id: r.itemId,
        node,
        state: r.state,
        item_kind: r.itemKind,
        at: new Date(r.at),
        org_id: r.orgId,
        by_name: r.byName,
        received_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['item_id', 'node', 'state']).doNothing())
    .execute()
}

/**
 * The receipts peers sent for a case of this node and for its log entries, tasks and map
 * features, a page at a time in the order (node and state, item).
 */
export async function caseReceipts(
  db: Kysely<Database>,
  caseId: string,
  page: PageRequest<string>,
): Promise<Selectable<Database['federation_receipts']>[]> {
  let q = db
    .selectFrom('federation_receipts')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('item_id', '=', caseId),
        eb(
          'item_id',
          'in',
          eb
            .selectFrom('log_entries')
            .select(sql<string>`id::text`.as('id'))
            .where('case_id', '=', caseId),
        ),
        eb(
          'item_id',
          'in',
          eb
            .selectFrom('tasks')
            .select(sql<string>`id::text`.as('id'))
            .where('case_id', '=', caseId),
        ),
        eb(
          'item_id',
          'in',
          eb
            .selectFrom('map_features')
            .select(sql<string>`id::text`.as('id'))
            .where('case_id', '=', caseId),
        ),
      ]),
    )
    .orderBy(sql`node || ' ' || state`)
    .orderBy('item_id')
    .limit(page.limit + 1)
  if (page.after)
    q = q.where(sql<boolean>`(node || ' ' || state, item_id) > (${page.after.key}, ${page.after.id})`)
  return q.execute()
}
