import type { Sitrep } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import type { PageRequest } from '../store/keyset.ts'
import { beyond } from '../store/keyset.ts'
import type { Database, SitrepsTable } from '../store/schema.ts'

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
