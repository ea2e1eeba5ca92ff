import type { CapSourcePolling } from '@liaison/core'
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { CapSourcesTable, Database } from '../schema.ts'

export type CapSourceRow = Selectable<CapSourcesTable>

/** The fields of a source row its state is decided from (`capSourceState`). */
export function capSourcePolling(row: CapSourceRow): CapSourcePolling {
  return {
    enabled: row.enabled,
    staleAfterSeconds: row.stale_after_seconds,
    createdAt: row.created_at,
    lastAnsweredAt: row.last_answered_at,
    lastChangedAt: row.last_changed_at,
    lastErrorAt: row.last_error_at,
  }
}

/** Every CAP source, by name. */
export async function listCapSources(db: Kysely<Database>): Promise<CapSourceRow[]> {
  return db.selectFrom('cap_sources').selectAll().orderBy('name').orderBy('id').execute()
}

export async function findCapSource(db: Kysely<Database>, id: string): Promise<CapSourceRow | undefined> {
  return db.selectFrom('cap_sources').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findCapSourceByName(
  db: Kysely<Database>,
  name: string,
): Promise<CapSourceRow | undefined> {
  return db.selectFrom('cap_sources').selectAll().where('name', '=', name).executeTakeFirst()
}

/** Inserts a source unless its name is taken (two adds at once: one wins); true when written. */
export async function insertCapSource(
  db: Kysely<Database>,
  row: Insertable<CapSourcesTable>,
): Promise<boolean> {
  const written = await db
    .insertInto('cap_sources')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst()
  return written !== undefined
}

/** Removes a source; the alerts polled from it stay, without their source. */
export async function deleteCapSource(db: Kysely<Database>, id: string): Promise<boolean> {
  const deleted = await db.deleteFrom('cap_sources').where('id', '=', id).executeTakeFirst()
  return deleted.numDeletedRows > 0n
}

/** What one poll learnt of a source: when, what the server said, what it skipped, what failed. */
export async function recordCapSourcePoll(
  db: Kysely<Database>,
  id: string,
  change: Pick<
    Updateable<CapSourcesTable>,
    | 'etag'
    | 'last_modified'
    | 'content_sha256'
    | 'last_fetched_at'
    | 'last_answered_at'
    | 'last_changed_at'
    | 'last_error_at'
    | 'last_error'
    | 'skipped'
  >,
): Promise<void> {
  await db.updateTable('cap_sources').set(change).where('id', '=', id).execute()
}

/** Of these document addresses, those the node already fetched an alert from (by any source). */
export async function heldDocuments(db: Kysely<Database>, urls: readonly string[]): Promise<Set<string>> {
  if (urls.length === 0) return new Set()
  const rows = await db
    .selectFrom('received_alerts')
    .select('file_name')
    .where('file_name', 'in', [...urls])
    .execute()
  return new Set(rows.flatMap((r) => (r.file_name === null ? [] : [r.file_name])))
}
