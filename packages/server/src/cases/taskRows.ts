import type { Decision, Task } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import type { Database, DecisionsTable, TasksTable } from '../store/schema.ts'

export function toTask(row: Selectable<TasksTable>): Task {
  return {
    id: row.id,
    caseId: row.case_id,
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

export async function listTasks(db: Kysely<Database>, caseId: string): Promise<Task[]> {
  const rows = await db
    .selectFrom('tasks')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute()
  return rows.map(toTask)
}

/** Open tasks past due in the cases an organisation sees, most overdue first: the duty desk's warning list. */
export async function listOverdueTasks(db: Kysely<Database>, orgId: string, at: Date): Promise<Task[]> {
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('cases', 'cases.id', 'tasks.case_id')
    .selectAll('tasks')
    .where('tasks.state', 'in', ['open', 'in-progress'])
    .where('tasks.due_at', '<=', at)
    .where((eb) =>
      eb.or([eb('cases.owner_org_id', '=', orgId), eb(eb.val(orgId), '=', eb.fn.any('cases.participants'))]),
    )
    .orderBy('tasks.due_at')
    .limit(200)
    .execute()
  return rows.map(toTask)
}

export async function listDecisions(db: Kysely<Database>, caseId: string): Promise<Decision[]> {
  const rows = await db
    .selectFrom('decisions')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('decided_at')
    .execute()
  return rows.map(toDecision)
}
