import type { Sitrep } from '@liaison/core'
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { Database, SitrepVersionsTable, SitrepsTable } from '../schema.ts'

export function toSitrep(row: Selectable<SitrepsTable>): Sitrep {
  return {
    id: row.id,
    caseId: row.case_id,
    number: row.number,
    version: row.version,
    state: row.state,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    conditions: row.conditions,
    actions: row.actions,
    needs: row.needs,
    casualties: row.casualties,
    resources: row.resources,
    nextUpdateAt: row.next_update_at,
    draftedBy: row.drafted_by,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** A page of a case's situation reports, latest number first (`limit + 1` read). */
export async function listSitreps(
  db: Kysely<Database>,
  caseId: string,
  page: PageRequest<number>,
): Promise<Sitrep[]> {
  let q = db.selectFrom('sitreps').selectAll().where('case_id', '=', caseId)
  if (page.after) q = q.where(beyond(page.after, { key: 'number', id: 'id' }))
  const rows = await q
    .orderBy('number', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  return rows.map(toSitrep)
}

export async function findSitrep(db: Kysely<Database>, id: string): Promise<Sitrep | null> {
  const row = await db.selectFrom('sitreps').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toSitrep(row) : null
}

/** A report's row, locked until the writing transaction ends (two saves of one draft queue up). */
export async function lockSitrepRow(
  db: Kysely<Database>,
  id: string,
): Promise<Selectable<SitrepsTable> | undefined> {
  return db.selectFrom('sitreps').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** The latest report of a case, what drafting the next one looks at. */
export async function latestSitrepOf(
  db: Kysely<Database>,
  caseId: string,
): Promise<Pick<Selectable<SitrepsTable>, 'number' | 'state' | 'period_to'> | undefined> {
  return db
    .selectFrom('sitreps')
    .select(['number', 'state', 'period_to'])
    .where('case_id', '=', caseId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function insertSitrep(db: Kysely<Database>, row: Insertable<SitrepsTable>): Promise<void> {
  await db.insertInto('sitreps').values(row).execute()
}

export async function updateSitrepRow(
  db: Kysely<Database>,
  id: string,
  change: Updateable<SitrepsTable>,
): Promise<void> {
  await db.updateTable('sitreps').set(change).where('id', '=', id).execute()
}

/** Keeps the version a save replaces, so that every version of a report can be read again. */
export async function insertSitrepVersion(
  db: Kysely<Database>,
  row: Insertable<SitrepVersionsTable>,
): Promise<void> {
  await db.insertInto('sitrep_versions').values(row).execute()
}

/** A report's earlier versions, oldest first, each with the name of who replaced it. */
export async function sitrepVersionRows(db: Kysely<Database>, sitrepId: string) {
  return db
    .selectFrom('sitrep_versions as v')
    .leftJoin('users as u', 'u.id', 'v.replaced_by')
    .selectAll('v')
    .select('u.display_name')
    .where('v.sitrep_id', '=', sitrepId)
    .orderBy('v.version')
    .execute()
}

/** The approved report of a case with the highest number, if it has one: what an export counts. */
export async function latestApprovedSitrep(db: Kysely<Database>, caseId: string): Promise<Sitrep | null> {
  const row = await db
    .selectFrom('sitreps')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('state', '=', 'approved')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toSitrep(row) : null
}
