import type { AlertTemplate } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { AlertTemplatesTable, Database } from '../schema.ts'

export type AlertTemplateRow = Selectable<AlertTemplatesTable>

export function toAlertTemplate(row: AlertTemplateRow): AlertTemplate {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    version: row.version,
    content: row.content,
    placeholders: row.placeholders,
    preApprovedBy: row.pre_approved_by,
    preApprovedAt: row.pre_approved_at,
    retiredAt: row.retired_at,
    createdBy: row.created_by,
    changedBy: row.changed_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The row of a template (the JSON columns written as text, PGlite and PostgreSQL alike). */
function rowOf(t: AlertTemplate) {
  return {
    id: t.id,
    org_id: t.orgId,
    name: t.name,
    version: t.version,
    content: JSON.stringify(t.content),
    placeholders: JSON.stringify(t.placeholders),
    pre_approved_by: t.preApprovedBy,
    pre_approved_at: t.preApprovedAt,
    retired_at: t.retiredAt,
    created_by: t.createdBy,
    changed_by: t.changedBy,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  }
}

export async function insertAlertTemplate(db: Kysely<Database>, t: AlertTemplate): Promise<void> {
  await db.insertInto('alert_templates').values(rowOf(t)).execute()
}

export async function updateAlertTemplate(db: Kysely<Database>, t: AlertTemplate): Promise<void> {
  const { id: _id, org_id: _org, created_at: _at, created_by: _by, ...change } = rowOf(t)
  await db.updateTable('alert_templates').set(change).where('id', '=', t.id).execute()
}

export async function findAlertTemplateRow(
  db: Kysely<Database>,
  id: string,
): Promise<AlertTemplateRow | undefined> {
  return db.selectFrom('alert_templates').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * A template's row as an alert relies on it (its pre-approval, when one person issues): shared
 * lock until the transaction ends, so that a change or a retirement cannot commit in between.
 */
export async function shareAlertTemplateRow(
  db: Kysely<Database>,
  id: string,
): Promise<AlertTemplateRow | undefined> {
  return db.selectFrom('alert_templates').selectAll().where('id', '=', id).forShare().executeTakeFirst()
}

/** A template's row, locked until the writing transaction ends. */
export async function lockAlertTemplateRow(
  db: Kysely<Database>,
  id: string,
): Promise<AlertTemplateRow | undefined> {
  return db.selectFrom('alert_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Does another template of the organisation, not retired, have this name? */
export async function alertTemplateNameTaken(
  db: Kysely<Database>,
  orgId: string,
  name: string,
  except: string | null,
): Promise<boolean> {
  let q = db
    .selectFrom('alert_templates')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .where('retired_at', 'is', null)
  if (except !== null) q = q.where('id', '<>', except)
  return (await q.executeTakeFirst()) !== undefined
}

/** A page of an organisation's templates, newest first (`limit + 1` read); retired ones only if asked. */
export async function listAlertTemplateRows(
  db: Kysely<Database>,
  orgId: string,
  filter: { readonly retired: boolean },
  page: PageRequest<Date>,
): Promise<AlertTemplateRow[]> {
  let q = db.selectFrom('alert_templates').selectAll().where('org_id', '=', orgId)
  if (!filter.retired) q = q.where('retired_at', 'is', null)
  if (page.after) q = q.where(beyond(page.after, { key: 'created_at', id: 'id' }))
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
}
