import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { ContactsTable, Database } from '../schema.ts'

/**
 * A page of a case's map features (those not removed), newest first: by id, which is a UUIDv7
 * and so follows creation, and never changes when a feature is edited (`limit + 1` read).
 */
export async function pageMapFeatures(db: Kysely<Database>, caseId: string, page: PageRequest<string>) {
  let q = db
    .selectFrom('map_features')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
  if (page.after) q = q.where('id', '<', page.after.id)
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
}

/**
 * A page of the node's contact directory, by name (then id): a directory is read by name, not
 * by age. `query` is searched accent-blind, every word required (`limit + 1` read).
 */
export async function pageContacts(
  db: Kysely<Database>,
  filter: { query?: string | undefined; kind?: ContactsTable['kind'] | undefined },
  page: PageRequest<string>,
) {
  let q = db
    .selectFrom('contacts')
    .select([
      'id',
      'owner_org_id',
      'kind',
      'name',
      'role',
      'organisation_name',
      'region',
      'phones',
      'emails',
      'address',
      'lon',
      'lat',
      'available_24_7',
      'revalidate_by',
      'updated_at',
    ])
  if (filter.query?.trim())
    q = q.where(sql<boolean>`search @@ plainto_tsquery('simple', liaison_fold(${filter.query}))`)
  if (filter.kind) q = q.where('kind', '=', filter.kind)
  if (page.after) q = q.where(beyond(page.after, { key: 'name', id: 'id' }, 'asc'))
  return q
    .orderBy('name')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute()
}

/** The map features (not removed) of these cases. */
export async function mapFeaturesOfCases(db: Kysely<Database>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return []
  return db
    .selectFrom('map_features')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .where('removed_at', 'is', null)
    .execute()
}
