import type { Insertable, Kysely, Updateable } from 'kysely'
import type { Database, PlanDocumentsTable, PlansTable } from '../schema.ts'

/** The organisation that keeps a plan, or undefined when there is no such plan. */
export async function planKeeper(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('plans').select('owner_org_id').where('id', '=', id).executeTakeFirst()
  return row?.owner_org_id
}

export async function insertPlan(db: Kysely<Database>, row: Insertable<PlansTable>): Promise<void> {
  await db.insertInto('plans').values(row).execute()
}

export async function updatePlanRow(
  db: Kysely<Database>,
  id: string,
  change: Updateable<PlansTable>,
): Promise<void> {
  await db.updateTable('plans').set(change).where('id', '=', id).execute()
}

/** Whether the plan is activated for the case already. */
export async function isPlanActive(db: Kysely<Database>, caseId: string, planId: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_plans')
    .select('plan_id')
    .where('case_id', '=', caseId)
    .where('plan_id', '=', planId)
    .executeTakeFirst()
  return row !== undefined
}

export async function insertCasePlan(
  db: Kysely<Database>,
  row: { readonly caseId: string; readonly planId: string; readonly at: Date; readonly by: string },
): Promise<void> {
  await db
    .insertInto('case_plans')
    .values({ case_id: row.caseId, plan_id: row.planId, activated_at: row.at, activated_by: row.by })
    .execute()
}

/** Keeps a new version of a plan's document (the earlier ones stay) and marks the plan changed. */
export async function insertPlanDocument(
  db: Kysely<Database>,
  row: Insertable<PlanDocumentsTable>,
): Promise<void> {
  await db.insertInto('plan_documents').values(row).execute()
  await db.updateTable('plans').set({ updated_at: row.uploaded_at }).where('id', '=', row.plan_id).execute()
}
