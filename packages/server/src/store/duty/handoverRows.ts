import type { Insertable, Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import type { Database, HandoversTable } from '../schema.ts'

/** Where the organisation's last handover ended, if it had one. */
export async function lastHandoverEnd(db: Kysely<Database>, orgId: string): Promise<Date | null> {
  const previous = await db
    .selectFrom('handovers')
    .select('period_to')
    .where('org_id', '=', orgId)
    .orderBy('period_to', 'desc')
    .limit(1)
    .executeTakeFirst()
  return previous?.period_to ?? null
}

export async function insertHandover(db: Kysely<Database>, row: Insertable<HandoversTable>): Promise<void> {
  await db.insertInto('handovers').values(row).execute()
}

/** A handover's row, locked until the writing transaction ends. */
export async function lockHandoverRow(
  db: Kysely<Database>,
  id: string,
): Promise<Selectable<HandoversTable> | undefined> {
  return db.selectFrom('handovers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function markHandoverSignedOff(
  db: Kysely<Database>,
  id: string,
  by: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('handovers')
    .set({ signed_off_by: by, signed_off_at: at })
    .where('id', '=', id)
    .execute()
}

/** The joined case (as c) is one the organisation owns or takes part in. */
const caseSeenBy = (orgId: string) =>
  sql<boolean>`(c.owner_org_id = ${orgId} or ${orgId} = any(c.participants))`

/** The log entries recorded in (from, to] that the organisation sees: its daily log and its cases'. */
export async function entriesRecordedBetween(db: Kysely<Database>, orgId: string, from: Date, to: Date) {
  return db
    .selectFrom('log_entries as e')
    .leftJoin('cases as c', 'c.id', 'e.case_id')
    .select(['e.id', 'e.case_id', 'e.occurred_at', 'e.text'])
    .where('e.recorded_at', '>', from)
    .where('e.recorded_at', '<=', to)
    .where((eb) =>
      eb.or([eb.and([eb('e.case_id', 'is', null), eb('e.org_id', '=', orgId)]), caseSeenBy(orgId)]),
    )
    .orderBy('e.recorded_at', 'desc')
    .execute()
}

/** The tasks still open or in progress in these cases, soonest due first. */
export async function pendingTasksOf(db: Kysely<Database>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return []
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .where('state', 'in', ['open', 'in-progress'])
    .orderBy('due_at')
    .execute()
}

/** The decisions recorded in (from, to] in the cases the organisation sees. */
export async function decisionsRecordedBetween(db: Kysely<Database>, orgId: string, from: Date, to: Date) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select(['d.id', 'd.case_id', 'd.text', 'd.decided_at'])
    .where('d.recorded_at', '>', from)
    .where('d.recorded_at', '<=', to)
    .where(caseSeenBy(orgId))
    .orderBy('d.decided_at')
    .execute()
}

/** The organisation's latest handovers, newest first. */
export async function recentHandovers(db: Kysely<Database>, orgId: string, limit: number) {
  return db
    .selectFrom('handovers')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
}
