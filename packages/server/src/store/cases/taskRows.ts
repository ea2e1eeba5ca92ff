import type { Decision, Task } from '@liaison/core'
import type { Insertable, Kysely, Selectable } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { Database, DecisionsTable, TasksTable } from '../schema.ts'

export function toTask(row: Selectable<TasksTable>): Task {
  return {
    id: row.id,
    caseId: row.case_id,
    ownerOrgId: row.owner_org_id,
    title: row.title,
    description: row.description,
    assigneeOrgId: row.assignee_org_id,
    assigneeUserId: row.assignee_user_id,
    dueAt: row.due_at,
    state: row.state,
    priority: row.priority,
    fromLogEntry: row.from_log_entry,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function toDecision(row: Selectable<DecisionsTable>): Decision {
  return {
    id: row.id,
    caseId: row.case_id,
    text: row.text,
    decidedBy: row.decided_by,
    rationale: row.rationale,
    decidedAt: row.decided_at,
    fromLogEntry: row.from_log_entry,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  }
}

/** A page of a case's tasks, newest first (`limit + 1` read, so the caller knows whether more follow). */
export async function listTasks(
  db: Kysely<Database>,
  caseId: string,
  page: PageRequest<Date>,
): Promise<Task[]> {
  let q = db.selectFrom('tasks').selectAll().where('case_id', '=', caseId)
  if (page.after) q = q.where(beyond(page.after, { key: 'created_at', id: 'id' }))
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  return rows.map(toTask)
}

/**
 * Open tasks past due in the cases an organisation sees, most overdue first (due time, then id,
 * ascending): the duty desk's warning list, a page at a time (`limit + 1` read).
 */
export async function listOverdueTasks(
  db: Kysely<Database>,
  orgId: string,
  at: Date,
  page: PageRequest<Date>,
): Promise<Task[]> {
  let q = db
    .selectFrom('tasks')
    .innerJoin('cases', 'cases.id', 'tasks.case_id')
    .selectAll('tasks')
    .where('tasks.state', 'in', ['open', 'in-progress'])
    .where('tasks.due_at', '<=', at)
    .where((eb) =>
      eb.or([eb('cases.owner_org_id', '=', orgId), eb(eb.val(orgId), '=', eb.fn.any('cases.participants'))]),
    )
  if (page.after) q = q.where(beyond(page.after, { key: 'tasks.due_at', id: 'tasks.id' }, 'asc'))
  const rows = await q
    .orderBy('tasks.due_at')
    .orderBy('tasks.id')
    .limit(page.limit + 1)
    .execute()
  return rows.map(toTask)
}

/** A page of a case's decisions, newest first (when decided, then id; `limit + 1` read). */
export async function listDecisions(
  db: Kysely<Database>,
  caseId: string,
  page: PageRequest<Date>,
): Promise<Decision[]> {
  let q = db.selectFrom('decisions').selectAll().where('case_id', '=', caseId)
  if (page.after) q = q.where(beyond(page.after, { key: 'decided_at', id: 'id' }))
  const rows = await q
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  return rows.map(toDecision)
}

/** A task's row, locked for the writing transaction when asked. */
export async function findTaskRow(
  db: Kysely<Database>,
  id: string,
): Promise<Selectable<TasksTable> | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertTask(db: Kysely<Database>, row: Insertable<TasksTable>): Promise<void> {
  await db.insertInto('tasks').values(row).execute()
}

/** Moves a task and/or changes its due time. */
export async function updateTaskRow(
  db: Kysely<Database>,
  id: string,
  change: Pick<Selectable<TasksTable>, 'state' | 'due_at' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('tasks').set(change).where('id', '=', id).execute()
}

export async function insertDecision(db: Kysely<Database>, row: Insertable<DecisionsTable>): Promise<void> {
  await db.insertInto('decisions').values(row).execute()
}
