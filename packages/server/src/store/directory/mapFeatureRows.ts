import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database, MapFeaturesTable } from '../schema.ts'

/** A feature of a case's map that is not removed, locked until the writing transaction ends. */
export async function lockMapFeatureRow(
  db: Kysely<Database>,
  id: string,
  caseId: string,
): Promise<Selectable<MapFeaturesTable> | undefined> {
  return db
    .selectFrom('map_features')
    .selectAll()
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

/** Who drew a feature not removed, and on which case. */
export async function mapFeaturePlace(
  db: Kysely<Database>,
  id: string,
): Promise<Pick<Selectable<MapFeaturesTable>, 'org_id' | 'case_id'> | undefined> {
  return db
    .selectFrom('map_features')
    .select(['org_id', 'case_id'])
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
}

export async function insertMapFeature(
  db: Kysely<Database>,
  row: Insertable<MapFeaturesTable>,
): Promise<void> {
  await db.insertInto('map_features').values(row).execute()
}

export async function updateMapFeatureRow(
  db: Kysely<Database>,
  id: string,
  change: Pick<Insertable<MapFeaturesTable>, 'kind' | 'label' | 'geometry' | 'version' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('map_features').set(change).where('id', '=', id).execute()
}

/** Removes a feature from the map; the row stays. */
export async function markMapFeatureRemoved(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('map_features').set({ removed_at: at }).where('id', '=', id).execute()
}
