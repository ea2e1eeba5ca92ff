import type { Alert } from '@liaison/core'
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { AlertVersionsTable, AlertsTable, Database } from '../schema.ts'

export type AlertRow = Selectable<AlertsTable>

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    orgId: row.org_id,
    state: row.state,
    version: row.version,
    cap: row.cap,
    channels: row.channels,
    authorId: row.author_id,
    editorIds: row.editor_ids,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    submittedVersion: row.submitted_version,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    issuedAlone: row.issued_alone,
    exception: row.exception,
    issueAt: row.issue_at,
    issuedAt: row.issued_at,
    returnedReason: row.returned_reason,
    replacesId: row.replaces_id,
    template:
      row.template_id === null
        ? null
        : {
            templateId: row.template_id,
            version: row.template_version ?? 0,
            values: row.template_values ?? {},
          },
    languageOverride: row.language_override ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The columns holding JSON, written as text (PGlite and PostgreSQL alike). */
export function alertJson(alert: Pick<Alert, 'cap' | 'channels' | 'editorIds'>) {
  return {
    cap: JSON.stringify(alert.cap),
    channels: JSON.stringify(alert.channels),
    editor_ids: JSON.stringify(alert.editorIds),
  }
}

export async function insertAlert(db: Kysely<Database>, row: Insertable<AlertsTable>): Promise<void> {
  await db.insertInto('alerts').values(row).execute()
}

export async function updateAlertRow(
  db: Kysely<Database>,
  id: string,
  change: Updateable<AlertsTable>,
): Promise<void> {
  await db.updateTable('alerts').set(change).where('id', '=', id).execute()
}

/** An alert's row, locked until the writing transaction ends (two steps on one alert queue up). */
export async function lockAlertRow(db: Kysely<Database>, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function findAlertRow(db: Kysely<Database>, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A page of an organisation's alerts, newest first (`limit + 1` read). */
export async function listAlertRows(
  db: Kysely<Database>,
  orgId: string,
  filter: { readonly state?: Alert['state'] | undefined },
  page: PageRequest<Date>,
): Promise<AlertRow[]> {
  let q = db.selectFrom('alerts').selectAll().where('org_id', '=', orgId)
  if (filter.state) q = q.where('state', '=', filter.state)
  if (page.after) q = q.where(beyond(page.after, { key: 'created_at', id: 'id' }))
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
}

/** The alerts that replace this one (its Updates and Cancels), oldest first. */
export async function replacementRows(db: Kysely<Database>, id: string): Promise<AlertRow[]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('replaces_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** The approved alerts whose time to be issued has come. */
export async function dueAlertIds(db: Kysely<Database>, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('alerts')
    .select('id')
    .where('state', '=', 'approved')
    .where('issue_at', '<=', now)
    .orderBy('issue_at')
    .limit(100)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * The issued alerts every info block of which has expired (one without expiry never does): one
 * query on `expires_at` (m0041, index `alerts_expiry`), the first 500 by expiry; the next tick
 * takes the rest.
 */
export async function expiredAlertIds(db: Kysely<Database>, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('alerts')
    .select('id')
    .where('state', '=', 'issued')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(500)
    .execute()
  return rows.map((r) => r.id)
}

/** An alert's history: every audited step on it, oldest first. */
export async function alertHistoryRows(db: Kysely<Database>, alertId: string) {
  return db
    .selectFrom('audit')
    .select(['at', 'actor', 'action', 'outcome', 'details'])
    .where('target', '=', alertId)
    .orderBy('seq')
    .limit(1_000)
    .execute()
}

/** Keeps a saved version of an alert (the first and every edit), so every version can be read again. */
export async function insertAlertVersion(
  db: Kysely<Database>,
  row: Insertable<AlertVersionsTable>,
): Promise<void> {
  await db.insertInto('alert_versions').values(row).execute()
}

/** An alert's saved versions, oldest first, each with the name of who saved it. */
export async function alertVersionRows(db: Kysely<Database>, alertId: string) {
  return db
    .selectFrom('alert_versions as v')
    .leftJoin('users as u', 'u.id', 'v.saved_by')
    .selectAll('v')
    .select('u.display_name')
    .where('v.alert_id', '=', alertId)
    .orderBy('v.version')
    .execute()
}
