import type { Sitrep } from '@liaison/core'
import { escapeHtml, LiaisonError, canSeeCase, sitrepAsEdxl, refusalError } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import {
  IdParams,
  PageQuery,
  SitrepApprovalBody,
  SitrepBody,
  SitrepChangeBody,
  SitrepVersionBody,
  defaultPageLimit,
  errorResponses,
  itemsBody,
  pageBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { approveSitrep, draftSitrep, editSitrep } from '../../actions/sitreps.ts'
import { findCase } from '../../store/cases/caseRows.ts'
import { findSitrep, listSitreps, sitrepVersionRows } from '../../store/cases/sitrepRows.ts'
import { findUserRow } from '../../store/identity/userRows.ts'
import { findOrganisation } from '../../store/organisations/organisationRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { pageFrom, startOf } from '../paging.ts'

function present(s: Sitrep): Static<typeof SitrepBody> {
  return {
    ...s,
    periodFrom: s.periodFrom.toISOString(),
    periodTo: s.periodTo.toISOString(),
    nextUpdateAt: s.nextUpdateAt?.toISOString() ?? null,
    approvedAt: s.approvedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  }
}

const brussels = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  dateStyle: 'medium',
  timeStyle: 'short',
})

export function sitrepRoutes(app: App, deps: AppDeps): void {
  /** A report and its case, if the caller's organisation sees the case. */
  const visible = async (req: FastifyRequest, id: string) => {
    const sitrep = await findSitrep(deps.store.db, id)
    if (!sitrep) throw new LiaisonError('not_found', `no situation report ${id}`)
    const c = await findCase(deps.store.db, sitrep.caseId)
    if (!c || !req.principal || !canSeeCase(c, req.principal.orgId))
      throw refusalError('not_participant', 'your organisation does not take part in this case')
    return { sitrep, c }
  }

  app.get(
    '/api/v1/cases/:id/sitreps',
    {
      schema: {
        tags: ['sitreps'],
        summary: "A case's situation reports, latest number first, a page at a time",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageBody(SitrepBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('sitreps', req.query.after)
      const c = await findCase(deps.store.db, req.params.id)
      if (!c) throw new LiaisonError('not_found', `no case ${req.params.id}`)
      if (!canSeeCase(c, req.principal!.orgId))
        throw refusalError('not_participant', 'your organisation does not take part in this case')
      const rows = await listSitreps(deps.store.db, c.id, { after, limit })
      const page = pageFrom('sitreps', rows, limit, (r) => ({ key: r.number, id: r.id }))
      return { items: page.items.map(present), next: page.next }
    },
  )

  app.post(
    '/api/v1/cases/:id/sitreps',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['sitreps'],
        summary: 'Draft the next report from the log since the last one',
        params: IdParams,
        response: { 201: SitrepBody, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          present(await draftSitrep(deps, { caller: req.principal!, caseId: req.params.id, source: req.ip })),
        ),
  )

  app.get(
    '/api/v1/sitreps/:id',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'One situation report',
        params: IdParams,
        response: { 200: SitrepBody, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => present((await visible(req, req.params.id)).sitrep),
  )

  app.get(
    '/api/v1/sitreps/:id/versions',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'The earlier versions of a report, each as it was before an edit replaced it',
        params: IdParams,
        response: { 200: itemsBody(SitrepVersionBody), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const { sitrep } = await visible(req, req.params.id)
      const rows = await sitrepVersionRows(deps.store.db, sitrep.id)
      return {
        items: rows.map((r) => ({
          version: r.version,
          content: r.content,
          replacedAt: r.replaced_at.toISOString(),
          replacedBy: r.replaced_by,
          replacedByName: r.display_name ?? '',
        })),
      }
    },
  )

  app.patch(
    '/api/v1/sitreps/:id',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['sitreps'],
        summary: 'Edit a draft (send the version you edited; a stale one is refused)',
        params: IdParams,
        body: SitrepChangeBody,
        response: { 200: SitrepBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const { nextUpdateAt, ...rest } = req.body
      return present(
        await editSitrep(deps, {
          caller: req.principal!,
          sitrepId: req.params.id,
          ...rest,
          nextUpdateAt:
            nextUpdateAt === undefined ? undefined : nextUpdateAt === null ? null : new Date(nextUpdateAt),
          source: req.ip,
        }),
      )
    },
  )

  app.post(
    '/api/v1/sitreps/:id/approve',
    {
      config: { auth: 'sitreps.approve' },
      schema: {
        tags: ['sitreps'],
        summary: 'Approve a draft (a crisis manager of the owning organisation); it is then frozen',
        params: IdParams,
        body: SitrepApprovalBody,
        response: { 200: SitrepBody, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) =>
      present(
        await approveSitrep(deps, {
          caller: req.principal!,
          sitrepId: req.params.id,
          version: req.body.version,
          source: req.ip,
        }),
      ),
  )

  app.get(
    '/api/v1/sitreps/:id/edxl',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'The report as JSON shaped on EDXL-SitRep 1.0',
        params: IdParams,
      },
    },
    async (req) => {
      const { sitrep, c } = await visible(req, req.params.id)
      const author = await findUserRow(deps.store.db, { id: sitrep.draftedBy })
      const org = await findOrganisation(deps.store.db, deps.nodeId, { id: c.ownerOrgId })
      return sitrepAsEdxl(sitrep, c, {
        name: author?.display_name ?? 'unknown',
        organisation: org?.name ?? c.ownerOrgId,
      })
    },
  )

  app.get(
    '/api/v1/sitreps/:id/print',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'The report as a printable page',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { sitrep, c } = await visible(req, req.params.id)
      const section = (title: string, text: string) =>
        `<h2>${title}</h2><p class="pre">${escapeHtml(text || '—')}</p>`
      const k = sitrep.casualties
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SITREP ${sitrep.number} · ${escapeHtml(c.title)}</title>
<link rel="stylesheet" href="/assets/print.css"></head><body>
${c.status !== 'actual' ? `<p class="status">${c.status.toUpperCase()}</p>` : ''}
<h1>Situation report ${sitrep.number} — ${escapeHtml(c.title)}</h1>
<p>${sitrep.state === 'approved' ? `Approved ${brussels.format(sitrep.approvedAt!)}` : `DRAFT, version ${sitrep.version}`} · period ${brussels.format(sitrep.periodFrom)} – ${brussels.format(sitrep.periodTo)} (Brussels time)</p>
${section('Conditions', sitrep.conditions)}${section('Actions', sitrep.actions)}${section('Needs', sitrep.needs)}
<h2>Casualties</h2><table><tr><th scope="col">Dead</th><th scope="col">Injured</th><th scope="col">Missing</th><th scope="col">Evacuated</th></tr>
<tr><td>${k.dead}</td><td>${k.injured}</td><td>${k.missing}</td><td>${k.evacuated}</td></tr></table>
${section('Resources', sitrep.resources)}
<p>Next update: ${sitrep.nextUpdateAt ? brussels.format(sitrep.nextUpdateAt) : '—'}</p></body></html>`
      return reply.type('text/html; charset=utf-8').send(html)
    },
  )

  app.get('/assets/print.css', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .send(
        'body{font:11pt/1.45 system-ui,sans-serif;margin:2cm;color:#111}h1{font-size:16pt}h2{font-size:12pt;margin-top:1.2em}.pre{white-space:pre-wrap}.status{font-weight:700;border:2px solid #b00;color:#b00;display:inline-block;padding:.1em .5em}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.2em .6em}',
      ),
  )
}
