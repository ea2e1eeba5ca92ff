import { canSeeCase, LiaisonError, refusalError } from '@liaison/core'
import type { LogEntry } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import { appendLogEntry } from '../../actions/appendLogEntry.ts'
import { openCase } from '../../actions/openCase.ts'
import { updateCase } from '../../actions/updateCase.ts'
import { correctionsOf, findCase, listVisibleCases, pageLog, searchLogs } from '../../store/cases/caseRows.ts'
import { attachmentsOfEntries } from '../../store/cases/attachmentRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import {
  CaseBody,
  CaseChangeBody,
  CaseIdParams as CaseId,
  CaseListQuery,
  LogEntryBody,
  LogPage,
  LogQuery,
  LogSearchQuery,
  NewCaseBody,
  NewLogEntryBody,
  defaultPageLimit,
  errorResponses,
  pageBody,
} from '@liaison/wire'
import { presentCase, presentLog, presentLogEntry, reportedTimeInput } from '../casePresenters.ts'
import { pageFrom, startOf } from '../paging.ts'

function orgOf(req: FastifyRequest): string {
  if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
  return req.principal.orgId
}

/** A case the caller's organisation may see, or the refusal. */
async function visibleCase(deps: AppDeps, req: FastifyRequest, id: string) {
  const c = await findCase(deps.store.db, id)
  if (!c) throw new LiaisonError('not_found', `no case ${id}`)
  if (!canSeeCase(c, orgOf(req)))
    throw refusalError('not_participant', 'your organisation does not take part in this case')
  return c
}

/** Adds each entry's attachments (names and sizes, not contents) in one query. */
async function withAttachments<E extends { id: string }>(deps: AppDeps, entries: E[]) {
  if (entries.length === 0) return entries
  const rows = await attachmentsOfEntries(
    deps.store.db,
    entries.map((e) => e.id),
  )
  const byEntry = new Map<string, { id: string; fileName: string; contentType: string; size: number }[]>()
  for (const r of rows)
    byEntry.set(r.log_entry_id, [
      ...(byEntry.get(r.log_entry_id) ?? []),
      { id: r.id, fileName: r.file_name, contentType: r.content_type, size: r.size },
    ])
  return entries.map((e) => ({ ...e, attachments: byEntry.get(e.id) ?? [] }))
}

export function caseRoutes(app: App, deps: AppDeps): void {
  /** Entries as answered, each with the entry that corrects it, even when a filter left that one out. */
  const presentWithCorrections = async (entries: readonly LogEntry[]) =>
    presentLog(
      entries,
      await correctionsOf(
        deps.store.db,
        entries.map((e) => e.id),
      ),
    )
  /** A page of a log: entries with their corrections and attachments, and the next cursor. */
  const presentLogPage = async (list: 'log', rows: readonly LogEntry[], limit: number) => {
    const page = pageFrom(list, rows, limit, (e) => ({ key: e.occurredAt, id: e.id }))
    return { items: await withAttachments(deps, await presentWithCorrections(page.items)), next: page.next }
  }
  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          "The cases the caller's organisation owns or takes part in, latest start first, a page at a time",
        querystring: CaseListQuery,
        response: { 200: pageBody(CaseBody), ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const { state, status, limit = defaultPageLimit } = req.query
      const after = startOf('cases', req.query.after)
      const rows = await listVisibleCases(deps.store.db, orgOf(req), {
        state,
        status,
        after,
        limit: limit + 1,
      })
      return pageFrom('cases', rows.map(presentCase), limit, (c) => ({ key: new Date(c.startsAt), id: c.id }))
    },
  )

  app.post(
    '/api/v1/cases',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['cases'],
        summary: 'Open an incident or a planned event',
        body: NewCaseBody,
        response: { 201: CaseBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const b = req.body
      const c = await openCase(deps, {
        caller: req.principal!,
        input: {
          ...b,
          description: b.description ?? '',
          location: b.location ?? null,
          startsAt: b.startsAt ? new Date(b.startsAt) : deps.clock.now(),
          endsAt: b.endsAt ? new Date(b.endsAt) : null,
          disciplines: b.disciplines ?? [],
          scaling: b.scaling ?? null,
          participants: b.participants ?? [],
        },
        source: req.ip,
      })
      return reply.status(201).send(presentCase(c))
    },
  )

  app.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case',
        params: CaseId,
        response: { 200: CaseBody, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => presentCase(await visibleCase(deps, req, req.params.id)),
  )

  app.patch(
    '/api/v1/cases/:id',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['cases'],
        summary:
          'Close, re-open or monitor a case, change who takes part, or correct its title, description, severity, scaling or end (the owning organisation only)',
        params: CaseId,
        body: CaseChangeBody,
        response: { 200: CaseBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const { state, participants, endsAt, ...rest } = req.body
      const details = {
        ...rest,
        ...(endsAt !== undefined ? { endsAt: endsAt === null ? null : new Date(endsAt) } : {}),
      }
      return presentCase(
        await updateCase(deps, {
          caller: req.principal!,
          caseId: req.params.id,
          state,
          participants,
          details,
          source: req.ip,
        }),
      )
    },
  )

  app.get(
    '/api/v1/cases/:id/log',
    {
      schema: {
        tags: ['log'],
        summary:
          "A case's log, newest first (by when it happened), a page at a time; filter by discipline, search with q (accent- and case-blind)",
        params: CaseId,
        querystring: LogQuery,
        response: { 200: LogPage, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { discipline, q, limit = defaultPageLimit } = req.query
      const after = startOf('log', req.query.after)
      await visibleCase(deps, req, req.params.id)
      const rows = await pageLog(
        deps.store.db,
        { caseId: req.params.id },
        { discipline, query: q },
        { after, limit },
      )
      return presentLogPage('log', rows, limit)
    },
  )

  app.post(
    '/api/v1/cases/:id/log',
    {
      config: { auth: 'cases.write' },
      schema: {
        tags: ['log'],
        summary: "Append to a case's log (an organisation taking part); set supersedes to correct an entry",
        params: CaseId,
        body: NewLogEntryBody,
        response: { 201: LogEntryBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const entry = await appendLogEntry(deps, {
        caller: req.principal!,
        caseId: req.params.id,
        ...req.body,
        occurredAt: undefined,
        occurred: reportedTimeInput(req.body.occurredAt, 'body/occurredAt'),
        requestSource: req.ip,
      })
      return reply.status(201).send(presentLogEntry(entry))
    },
  )

  app.get(
    '/api/v1/log',
    {
      schema: {
        tags: ['log'],
        summary:
          "The duty desk's daily log of the caller's organisation (entries outside any case), newest first, a page at a time",
        querystring: LogQuery,
        response: { 200: LogPage, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const { discipline, q, limit = defaultPageLimit } = req.query
      const after = startOf('log', req.query.after)
      const rows = await pageLog(
        deps.store.db,
        { dailyOf: orgOf(req) },
        { discipline, query: q },
        { after, limit },
      )
      return presentLogPage('log', rows, limit)
    },
  )

  app.post(
    '/api/v1/log',
    {
      config: { auth: 'cases.write' },
      schema: {
        tags: ['log'],
        summary: 'Append to the daily log',
        body: NewLogEntryBody,
        response: { 201: LogEntryBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const entry = await appendLogEntry(deps, {
        caller: req.principal!,
        caseId: null,
        ...req.body,
        occurredAt: undefined,
        occurred: reportedTimeInput(req.body.occurredAt, 'body/occurredAt'),
        requestSource: req.ip,
      })
      return reply.status(201).send(presentLogEntry(entry))
    },
  )

  app.get(
    '/api/v1/log/search',
    {
      schema: {
        tags: ['log'],
        summary: 'Search every log the caller may see (daily log and cases), newest first, a page at a time',
        querystring: LogSearchQuery,
        response: { 200: LogPage, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const { q, limit = defaultPageLimit } = req.query
      const after = startOf('search', req.query.after)
      const rows = await searchLogs(deps.store.db, orgOf(req), q, { after, limit })
      const page = pageFrom('search', rows, limit, (e) => ({ key: e.occurredAt, id: e.id }))
      return { items: await presentWithCorrections(page.items), next: page.next }
    },
  )
}
