import type { Caller, Case, Decision, Task, TaskPriority, TaskState } from '@liaison/core'
import {
  callerActor,
  canSeeCase,
  mayChangeTask,
  moveTask,
  nextTaskStates,
  requireSomeChange,
  taskPriorities,
  taskStates,
} from '@liaison/core'
import { findCase, logEntryPlace } from '../store/cases/caseRows.ts'
import {
  findTaskRow,
  insertDecision,
  insertTask,
  toDecision,
  toTask,
  updateTaskRow,
} from '../store/cases/taskRows.ts'
import { findUserRow } from '../store/identity/userRows.ts'
import { findOrganisation } from '../store/organisations/organisationRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import type { ActionContext } from './runAction.ts'
import { requireCaseWrite } from './requireCaseWrite.ts'
import { requirePermission } from './requirePermission.ts'
import type { PersonCaller } from './requirePerson.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, runAction, unwrap } from './runAction.ts'

/** The case, if the caller's organisation may write to it now (core's `mayWriteToCase`); or the refusal. */
async function openCaseFor(ctx: ActionContext, caller: PersonCaller, caseId: string): Promise<Case> {
  const c = await findCase(ctx.tx, caseId)
  if (!c) return refuse('not_found', `no case ${caseId}`)
  requireCaseWrite(caller, c)
  return c
}

async function logEntryInCase(
  ctx: ActionContext,
  caseId: string,
  entryId: string | undefined,
): Promise<string | null> {
  if (!entryId) return null
  const entry = await logEntryPlace(ctx.tx, entryId)
  if (!entry || entry.case_id !== caseId)
    refuse('validation_failed', 'fromLogEntry: no such entry in this case')
  return entryId
}

export interface CreateTask {
  readonly caller: Caller
  readonly caseId: string
  readonly title: string
  readonly description?: string | undefined
  /** The organisation (by code) that must do it; default the caller's. */
  readonly assigneeOrg?: string | undefined
  readonly assigneeUserId?: string | undefined
  readonly dueAt?: Date | undefined
  readonly priority?: TaskPriority | undefined
  readonly fromLogEntry?: string | undefined
  readonly source: string | null
}

/** Gives a task in a case to an organisation taking part (promoted from a log entry, or new). */
export async function createTask(deps: ActionDeps, command: CreateTask): Promise<Task> {
  return runAction(
    deps,
    { action: 'task.create', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.write')
      ctx.target(command.caseId, caller.orgId)
      const c = await openCaseFor(ctx, caller, command.caseId)
      const title = command.title.trim()
      const problems: string[] = []
      if (title.length < 2 || title.length > 200) problems.push('title: must be 2 to 200 characters')
      if (command.priority && !taskPriorities.includes(command.priority))
        problems.push(`priority: must be one of ${taskPriorities.join(', ')}`)
      let assigneeOrgId = caller.orgId
      if (command.assigneeOrg) {
        const org = await findOrganisation(ctx.tx, deps.nodeId, { code: command.assigneeOrg })
        if (!org || !canSeeCase(c, org.id))
          problems.push(`assigneeOrg: '${command.assigneeOrg}' does not take part in this case`)
        else assigneeOrgId = org.id
      }
      if (command.assigneeUserId) {
        const user = await findUserRow(ctx.tx, { id: command.assigneeUserId })
        if (!user || user.org_id !== assigneeOrgId)
          problems.push('assigneeUserId: not a member of the assigned organisation')
      }
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      const row = {
        id: ctx.newId(),
        case_id: c.id,
        owner_org_id: caller.orgId,
        title,
        description: command.description?.trim() ?? '',
        assignee_org_id: assigneeOrgId,
        assignee_user_id: command.assigneeUserId ?? null,
        due_at: command.dueAt ?? null,
        state: 'open' as const,
        priority: command.priority ?? 'normal',
        from_log_entry: await logEntryInCase(ctx, c.id, command.fromLogEntry),
        created_by: caller.userId,
        created_at: ctx.at,
        updated_at: ctx.at,
      }
      await insertTask(ctx.tx, row)
      const task = toTask(row)
      ctx.target(task.id, caller.orgId, { caseId: c.id, assigneeOrgId })
      ctx.emit({
        body: { kind: 'task.created', task },
        subject: task.id,
        orgId: task.ownerOrgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
      return task
    },
  )
}

/** Moves a task on: the assigned organisation, or the case's owner, may. */
export async function updateTask(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly taskId: string
    readonly state?: TaskState | undefined
    readonly dueAt?: Date | null | undefined
    readonly source: string | null
  },
): Promise<Task> {
  return runAction(
    deps,
    { action: 'task.update', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.write')
      ctx.target(command.taskId, caller.orgId)
      const row = await findTaskRow(ctx.tx, command.taskId)
      if (!row) return refuse('not_found', `no task ${command.taskId}`)
      const c = await openCaseFor(ctx, caller, row.case_id)
      const onlyParties = "only the assigned organisation or the case's owner moves this task on"
      unwrap(mayChangeTask({ assigneeOrgId: row.assignee_org_id }, c.ownerOrgId, caller.orgId), onlyParties)
      if (command.state && !taskStates.includes(command.state))
        return refuse('validation_failed', `state: must be one of ${taskStates.join(', ')}`)
      const changed: string[] = []
      const next = { ...row, updated_at: ctx.at }
      if (command.state && command.state !== row.state) {
        const from = row.state
        next.state = unwrap(
          moveTask({ state: from, assigneeOrgId: row.assignee_org_id }, command.state, {
            orgId: caller.orgId,
            caseOwnerOrgId: c.ownerOrgId,
          }),
          (reason) =>
            reason === 'invalid_transition'
              ? `a task ${from} moves to ${nextTaskStates(from).join(' or ')}, not to ${command.state}`
              : onlyParties,
        )
        changed.push('state')
      }
      if (command.dueAt !== undefined) {
        next.due_at = command.dueAt
        changed.push('dueAt')
      }
      unwrap(requireSomeChange(changed), 'nothing changes')
      await updateTaskRow(ctx.tx, row.id, {
        state: next.state,
        due_at: next.due_at,
        updated_at: next.updated_at,
      })
      const task = toTask(next)
      ctx.target(task.id, caller.orgId, { changed, state: task.state })
      ctx.emit({
        body: { kind: 'task.updated', task, changed },
        subject: task.id,
        orgId: task.ownerOrgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
      return task
    },
  )
}

/** Records a decision in a case's register. */
export async function recordDecision(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly caseId: string
    readonly text: string
    readonly decidedBy: string
    readonly rationale: string
    readonly decidedAt?: Date | undefined
    readonly fromLogEntry?: string | undefined
    readonly source: string | null
  },
): Promise<Decision> {
  return runAction(
    deps,
    { action: 'decision.record', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      ctx.target(command.caseId, caller.orgId)
      const c = await openCaseFor(ctx, caller, command.caseId)
      const problems: string[] = []
      if (command.text.trim().length < 2 || command.text.length > 5_000)
        problems.push('text: must be 2 to 5,000 characters')
      if (command.decidedBy.trim().length < 2 || command.decidedBy.length > 200)
        problems.push('decidedBy: must be 2 to 200 characters')
      if (command.rationale.length > 5_000) problems.push('rationale: at most 5,000 characters')
      const decidedAt = command.decidedAt ?? ctx.at
      if (decidedAt.getTime() > ctx.at.getTime() + 5 * 60_000)
        problems.push('decidedAt: must not be in the future')
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      const row = {
        id: ctx.newId(),
        case_id: c.id,
        text: command.text.trim(),
        decided_by: command.decidedBy.trim(),
        rationale: command.rationale.trim(),
        decided_at: decidedAt,
        from_log_entry: await logEntryInCase(ctx, c.id, command.fromLogEntry),
        recorded_by: caller.userId,
        recorded_at: ctx.at,
      }
      await insertDecision(ctx.tx, row)
      const decision = toDecision(row)
      ctx.target(decision.id, caller.orgId, { caseId: c.id })
      ctx.emit({
        body: { kind: 'decision.recorded', decision },
        subject: decision.id,
        orgId: caller.orgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
      return decision
    },
  )
}
