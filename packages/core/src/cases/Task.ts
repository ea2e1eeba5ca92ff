export const taskStates = ['open', 'in-progress', 'done', 'cancelled'] as const
export type TaskState = (typeof taskStates)[number]

export const taskPriorities = ['low', 'normal', 'high', 'urgent'] as const
export type TaskPriority = (typeof taskPriorities)[number]

/** Something to do in a case, given to an organisation (and optionally one of its people). */
export interface Task {
  readonly id: string
  readonly caseId: string
  /** The organisation that set the task and answers for it (its events' owner). */
  readonly ownerOrgId: string
  readonly title: string
  readonly description: string
  readonly assigneeOrgId: string
  readonly assigneeUserId: string | null
  readonly dueAt: Date | null
  readonly state: TaskState
  readonly priority: TaskPriority
  /** The log entry the task was promoted from. */
  readonly fromLogEntry: string | null
  readonly createdBy: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

export function isOverdue(task: Pick<Task, 'dueAt' | 'state'>, at: Date): boolean {
  return task.dueAt !== null && task.dueAt <= at && (task.state === 'open' || task.state === 'in-progress')
}

/** A decision in a case's register: what, by whom, why, when. */
export interface Decision {
  readonly id: string
  readonly caseId: string
  readonly text: string
  readonly decidedBy: string
  readonly rationale: string
  readonly decidedAt: Date
  readonly fromLogEntry: string | null
  readonly recordedBy: string
  readonly recordedAt: Date
}
