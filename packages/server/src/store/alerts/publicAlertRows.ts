import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database, PublicAlertsTable } from '../schema.ts'

export type PublicAlertRow = Selectable<PublicAlertsTable>

/** The most entries the feed and the page read at once (the feed stops earlier, at 900 KB). */
export const publicAlertsReadLimit = 1_000

/** Writes (or rewrites, after a replay) the public copy of an issued Public alert. */
export async function upsertPublicAlert(
  db: Kysely<Database>,
  row: Insertable<PublicAlertsTable>,
): Promise<void> {
  const { identifier: _identifier, ...change } = row
  await db
    .insertInto('public_alerts')
    .values(row)
    .onConflict((oc) => oc.column('identifier').doUpdateSet(change))
    .execute()
}

/** An alert is no longer current (updated, cancelled or expired); its XML stays readable. */
export async function endPublicAlert(db: Kysely<Database>, identifier: string, at: Date): Promise<void> {
  await db
    .updateTable('public_alerts')
    .set({ current: false, updated_at: at })
    .where('identifier', '=', identifier)
    .execute()
}

/** The CAP XML an alert was issued with, from the duty desk's table (for the processor only). */
export async function issuedXmlOfAlert(db: Kysely<Database>, alertId: string): Promise<string | null> {
  const row = await db.selectFrom('alerts').select('issued_xml').where('id', '=', alertId).executeTakeFirst()
  return row?.issued_xml ?? null
}

/** The current public alerts of the given statuses not yet expired at `now`, newest first. */
export async function currentPublicAlerts(
  db: Kysely<Database>,
  statuses: readonly PublicAlertRow['status'][],
  now: Date,
): Promise<PublicAlertRow[]> {
  if (statuses.length === 0) return []
  return db
    .selectFrom('public_alerts')
    .selectAll()
    .where('current', '=', true)
    .where('status', 'in', statuses)
    .where((eb) => eb.or([eb('expires', 'is', null), eb('expires', '>', now)]))
    .orderBy('sent', 'desc')
    .orderBy('identifier', 'desc')
    .limit(publicAlertsReadLimit)
    .execute()
}

/** One public alert by its CAP identifier, current or not. */
export async function publicAlertOf(
  db: Kysely<Database>,
  identifier: string,
): Promise<PublicAlertRow | undefined> {
  return db.selectFrom('public_alerts').selectAll().where('identifier', '=', identifier).executeTakeFirst()
}

/** When the public alerts last changed (an alert issued or ended), or null when there is none yet. */
export async function lastPublicAlertChange(db: Kysely<Database>): Promise<Date | null> {
  const row = await db
    .selectFrom('public_alerts')
    .select('updated_at')
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.updated_at ?? null
}

/** All the public listener may read (decision 034): the public alerts table, nothing else. */
export interface PublicAlertReader {
  current(statuses: readonly PublicAlertRow['status'][], now: Date): Promise<PublicAlertRow[]>
  byIdentifier(identifier: string): Promise<PublicAlertRow | undefined>
  lastChange(): Promise<Date | null>
}

export function publicAlertReader(db: Kysely<Database>): PublicAlertReader {
  return {
    current: (statuses, now) => currentPublicAlerts(db, statuses, now),
    byIdentifier: (identifier) => publicAlertOf(db, identifier),
    lastChange: () => lastPublicAlertChange(db),
  }
}
