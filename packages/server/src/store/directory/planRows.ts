import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
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

/** The node's plan library, by title. */
export async function listPlans(db: Kysely<Database>): Promise<Selectable<PlansTable>[]> {
  return db.selectFrom('plans').selectAll().orderBy('title').execute()
}

/** The documents of some plans (without their bytes, with the uploader's name), newest first; `latestOnly` keeps one per plan. */
export async function planDocumentRows(
  db: Kysely<Database>,
  planIds: readonly string[],
  latestOnly: boolean,
) {
  if (planIds.length === 0) return []
  let query = db
    .selectFrom('plan_documents as d')
    .innerJoin('users as u', 'u.id', 'd.uploaded_by')
    .select([
      'd.id',
      'd.plan_id',
      'd.file_name',
      'd.content_type',
      'd.size',
      'd.sha256',
      'd.uploaded_at',
      'd.uploaded_by',
      'u.display_name',
    ])
    .where('d.plan_id', 'in', [...planIds])
  if (latestOnly) query = query.distinctOn('d.plan_id').orderBy('d.plan_id')
  return query.orderBy('d.uploaded_at', 'desc').orderBy('d.id', 'desc').execute()
}

/** One plan document's file (type, name, bytes); undefined when there is none. */
export async function planDocumentFile(
  db: Kysely<Database>,
  id: string,
): Promise<Pick<Selectable<PlanDocumentsTable>, 'content_type' | 'file_name' | 'data'> | undefined> {
  return db
    .selectFrom('plan_documents')
    .select(['content_type', 'file_name', 'data'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The plans a case activated, in the order it activated them. */
export async function activatedPlansOf(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('case_plans')
    .innerJoin('plans', 'plans.id', 'case_plans.plan_id')
    .select(['plans.id', 'plans.title', 'plans.version', 'case_plans.activated_at'])
    .where('case_plans.case_id', '=', caseId)
    .orderBy('case_plans.activated_at')
    .execute()
}
