import { Type } from 'typebox'
import { taskPriorities, taskStates } from '@liaison/core'
import { NullableTimestamp, Timestamp, Uuid } from './common.ts'
import { pageBody } from './paging.ts'

export const TaskBody = Type.Object({
  id: Uuid,
  caseId: Uuid,
  title: Type.String(),
  description: Type.String(),
  assigneeOrgId: Uuid,
  assigneeUserId: Type.Union([Uuid, Type.Null()]),
  dueAt: NullableTimestamp,
  state: Type.Enum(taskStates),
  priority: Type.Enum(taskPriorities),
  overdue: Type.Boolean(),
  fromLogEntry: Type.Union([Uuid, Type.Null()]),
  createdBy: Uuid,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})

export const NewTaskBody = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5_000 })),
    assigneeOrg: Type.Optional(Type.String({ maxLength: 40 })),
    assigneeUserId: Type.Optional(Uuid),
    dueAt: Type.Optional(Timestamp),
    priority: Type.Optional(Type.Enum(taskPriorities)),
    fromLogEntry: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

export const TaskChangeBody = Type.Object(
  { state: Type.Optional(Type.Enum(taskStates)), dueAt: Type.Optional(NullableTimestamp) },
  { additionalProperties: false, minProperties: 1 },
)

export const DecisionBody = Type.Object({
  id: Uuid,
  caseId: Uuid,
  text: Type.String(),
  decidedBy: Type.String(),
  rationale: Type.String(),
  decidedAt: Timestamp,
  fromLogEntry: Type.Union([Uuid, Type.Null()]),
  recordedBy: Uuid,
  recordedAt: Timestamp,
})

export const NewDecisionBody = Type.Object(
  {
    text: Type.String({ minLength: 2, maxLength: 5_000 }),
    decidedBy: Type.String({ minLength: 2, maxLength: 200 }),
    rationale: Type.Optional(Type.String({ maxLength: 5_000 })),
    decidedAt: Type.Optional(Timestamp),
    fromLogEntry: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

export const TaskPage = pageBody(TaskBody)
export const DecisionPage = pageBody(DecisionBody)
