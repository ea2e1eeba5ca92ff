import type { Sitrep } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
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

export async function listSitreps(db: Kysely<Database>, caseId: string): Promise<Sitrep[]> {
  return (
    await db.selectFrom('sitreps').selectAll().where('case_id', '=', caseId).orderBy('number').execute()
  ).map(toSitrep)
}

export async function findSitrep(db: Kysely<Database>, id: string): Promise<Sitrep | null> {
  const row = await db.selectFrom('sitreps').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toSitrep(row) : null
}
