import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { TaskState } from './Task.ts'

/**
 * Who moves a task on: the organisation it is given to (`assignee`) or the organisation that owns
 * its case (`owner`). Either may make every move today; the table says so move by move, so that a
 * move kept to one of them is a one-word change here.
 */
export type TaskParty = 'assignee' | 'owner'

/**
 * The task state machine: from each state, the states it may move to and who may move it there.
 * An open task is started, finished or cancelled; a started one finished or cancelled; a finished
 * or cancelled one re-opened. Nothing else.
 */
export const taskTransitions = {
  open: {
    'in-progress': ['assignee', 'owner'],
    done: ['assignee', 'owner'],
    cancelled: ['assignee', 'owner'],
  },
  'in-progress': { done: ['assignee', 'owner'], cancelled: ['assignee', 'owner'] },
  done: { open: ['assignee', 'owner'] },
  cancelled: { open: ['assignee', 'owner'] },
} as const satisfies Record<TaskState, Partial<Record<TaskState, readonly TaskParty[]>>>

/**
 * Why a task may not be moved:
 * - `no_change`: it is in that state already;
 * - `invalid_transition`: the state machine has no such move;
 * - `not_task_party`: the caller's organisation is neither the assignee nor the case's owner (or
 *   not the one this move is kept to).
 */
export type TaskMoveRefusal = 'no_change' | 'invalid_transition' | 'not_task_party'

/** The states a task in `from` may move to, in the table's order. */
export function nextTaskStates(from: TaskState): TaskState[] {
  return Object.keys(taskTransitions[from]) as TaskState[]
}

/** The parties the caller's organisation is for a task: its assignee, its case's owner, both or none. */
export function taskPartiesOf(
  task: { readonly assigneeOrgId: string },
  caseOwnerOrgId: string,
  orgId: string,
): TaskParty[] {
  return [
    ...(task.assigneeOrgId === orgId ? (['assignee'] as const) : []),
    ...(caseOwnerOrgId === orgId ? (['owner'] as const) : []),
  ]
}

/** Whether the caller's organisation may touch the task at all (move it, or change its due time). */
export function mayChangeTask(
  task: { readonly assigneeOrgId: string },
  caseOwnerOrgId: string,
  orgId: string,
): Result<void, 'not_task_party'> {
  return taskPartiesOf(task, caseOwnerOrgId, orgId).length > 0 ? ok(undefined) : err('not_task_party')
}

/** Moves a task from `task.state` to `to`, if the state machine allows it and the caller may make the move. */
export function moveTask(
  task: { readonly state: TaskState; readonly assigneeOrgId: string },
  to: TaskState,
  by: { readonly orgId: string; readonly caseOwnerOrgId: string },
): Result<TaskState, TaskMoveRefusal> {
  const parties = taskPartiesOf(task, by.caseOwnerOrgId, by.orgId)
  if (parties.length === 0) return err('not_task_party')
  if (task.state === to) return err('no_change')
  const allowed: Partial<Record<TaskState, readonly TaskParty[]>> = taskTransitions[task.state]
  const who = allowed[to]
  if (!who) return err('invalid_transition')
  if (!parties.some((p) => who.includes(p))) return err('not_task_party')
  return ok(to)
}
