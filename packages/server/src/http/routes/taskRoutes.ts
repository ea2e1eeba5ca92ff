import type { Decision, Task } from '@liaison/core'
import { canSeeCase, isOverdue, LiaisonError, refusalError } from '@liaison/core'
import {
  DecisionBody,
  defaultPageLimit,
  errorResponses,
  IdParams,
  NewDecisionBody,
  NewTaskBody,
  pageBody,
  PageQuery,
  TaskBody,
  TaskChangeBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { createTask, recordDecision, updateTask } from '../../actions/caseWork.ts'
import { findCase } from '../../store/cases/caseRows.ts'
import { listDecisions, listOverdueTasks, listTasks } from '../../store/cases/taskRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { pageFrom, startOf } from '../paging.ts'

function presentTask(t: Task, at: Date): Static<typeof TaskBody> {
  return {
    ...t,
    overdue: isOverdue(t, at),
    dueAt: t.dueAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }
}

function presentDecision(d: Decision): Static<typeof DecisionBody> {
  return { ...d, decidedAt: d.decidedAt.toISOString(), recordedAt: d.recordedAt.toISOString() }
}

export function taskRoutes(app: App, deps: AppDeps): void {
  const visible = async (orgId: string | undefined, caseId: string) => {
    const c = await findCase(deps.store.db, caseId)
    if (!c) throw new LiaisonError('not_found', `no case ${caseId}`)
    if (!orgId || !canSeeCase(c, orgId))
      throw refusalError('not_participant', 'your organisation does not take part in this case')
    return c
  }

  app.get(
    '/api/v1/cases/:id/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: "A case's tasks, newest first, a page at a time",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageBody(TaskBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('tasks', req.query.after)
      await visible(req.principal?.orgId, req.params.id)
      const at = deps.clock.now()
      const page = pageFrom(
        'tasks',
        await listTasks(deps.store.db, req.params.id, { after, limit }),
        limit,
        (t) => ({
          key: t.createdAt,
          id: t.id,
        }),
      )
      return { items: page.items.map((t) => presentTask(t, at)), next: page.next }
    },
  )

  app.post(
    '/api/v1/cases/:id/tasks',
    {
      config: { auth: 'cases.write' },
      schema: {
        tags: ['tasks'],
        summary: 'Give a task to an organisation taking part; fromLogEntry promotes a log entry',
        params: IdParams,
        body: NewTaskBody,
        response: { 201: TaskBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const task = await createTask(deps, {
        caller: req.principal!,
        caseId: req.params.id,
        ...req.body,
        dueAt: req.body.dueAt ? new Date(req.body.dueAt) : undefined,
        source: req.ip,
      })
      return reply.status(201).send(presentTask(task, deps.clock.now()))
    },
  )

  app.patch(
    '/api/v1/tasks/:id',
    {
      config: { auth: 'cases.write' },
      schema: {
        tags: ['tasks'],
        summary: "Move a task on (the assigned organisation or the case's owner)",
        params: IdParams,
        body: TaskChangeBody,
        response: { 200: TaskBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const dueAt =
        req.body.dueAt === undefined ? undefined : req.body.dueAt === null ? null : new Date(req.body.dueAt)
      const task = await updateTask(deps, {
        caller: req.principal!,
        taskId: req.params.id,
        state: req.body.state,
        dueAt,
        source: req.ip,
      })
      return presentTask(task, deps.clock.now())
    },
  )

  app.get(
    '/api/v1/tasks/overdue',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Overdue tasks in every case the caller sees, most overdue first, a page at a time',
        querystring: PageQuery,
        response: { 200: pageBody(TaskBody), ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('overdue', req.query.after)
      const at = deps.clock.now()
      const rows = await listOverdueTasks(deps.store.db, req.principal!.orgId, at, { after, limit })
      // an overdue task has a due time: the filter asks for it
      const page = pageFrom('overdue', rows, limit, (t) => ({ key: t.dueAt ?? at, id: t.id }))
      return { items: page.items.map((t) => presentTask(t, at)), next: page.next }
    },
  )

  app.get(
    '/api/v1/cases/:id/decisions',
    {
      schema: {
        tags: ['tasks'],
        summary: "A case's decision register, latest decision first, a page at a time",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageBody(DecisionBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('decisions', req.query.after)
      await visible(req.principal?.orgId, req.params.id)
      const rows = await listDecisions(deps.store.db, req.params.id, { after, limit })
      const page = pageFrom('decisions', rows, limit, (d) => ({ key: d.decidedAt, id: d.id }))
      return { items: page.items.map(presentDecision), next: page.next }
    },
  )

  app.post(
    '/api/v1/cases/:id/decisions',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['tasks'],
        summary: 'Record a decision: what, by whom, why, when; fromLogEntry promotes a log entry',
        params: IdParams,
        body: NewDecisionBody,
        response: { 201: DecisionBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const decision = await recordDecision(deps, {
        caller: req.principal!,
        caseId: req.params.id,
        ...req.body,
        rationale: req.body.rationale ?? '',
        decidedAt: req.body.decidedAt ? new Date(req.body.decidedAt) : undefined,
        source: req.ip,
      })
      return reply.status(201).send(presentDecision(decision))
    },
  )
}
