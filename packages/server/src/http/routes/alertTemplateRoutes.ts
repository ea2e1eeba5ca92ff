import type { AlertTemplate } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import {
  AlertTemplateBody,
  AlertTemplateChangeBody,
  AlertTemplateListQuery,
  AlertTemplateVersionBody,
  IdParams,
  NewAlertTemplateBody,
  defaultPageLimit,
  errorResponses,
  pageBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import {
  changeTemplate,
  createAlertTemplate,
  preApproveTemplate,
  retireTemplate,
} from '../../actions/alertTemplates.ts'
import {
  findAlertTemplateRow,
  listAlertTemplateRows,
  toAlertTemplate,
} from '../../store/alerts/alertTemplateRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { pageFrom, startOf } from '../paging.ts'

const iso = (at: Date | null) => at?.toISOString() ?? null

export function presentAlertTemplate(t: AlertTemplate): Static<typeof AlertTemplateBody> {
  return {
    ...t,
    content: t.content as Static<typeof AlertTemplateBody>['content'],
    placeholders: [...t.placeholders],
    preApprovedAt: iso(t.preApprovedAt),
    retiredAt: iso(t.retiredAt),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }
}

/** Templates for recurring alerts (decision 038): read by the organisation, written by its approvers. */
export function alertTemplateRoutes(app: App, deps: AppDeps): void {
  const tags = ['alerts']

  app.get(
    '/api/v1/alert-templates',
    {
      schema: {
        tags,
        summary: "The organisation's alert templates, newest first, a page at a time (retired ones if asked)",
        querystring: AlertTemplateListQuery,
        response: { 200: pageBody(AlertTemplateBody), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit, retired = false } = req.query
      const after = startOf('alertTemplates', req.query.after)
      const rows = await listAlertTemplateRows(
        deps.store.db,
        req.principal!.orgId,
        { retired },
        { after, limit },
      )
      const page = pageFrom('alertTemplates', rows, limit, (r) => ({ key: r.created_at, id: r.id }))
      return { items: page.items.map((r) => presentAlertTemplate(toAlertTemplate(r))), next: page.next }
    },
  )

  app.get(
    '/api/v1/alert-templates/:id',
    {
      schema: {
        tags,
        summary: 'One alert template',
        params: IdParams,
        response: { 200: AlertTemplateBody, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const row = await findAlertTemplateRow(deps.store.db, req.params.id)
      if (!row) throw new LiaisonError('not_found', `no alert template ${req.params.id}`)
      if (row.org_id !== req.principal!.orgId)
        throw new LiaisonError(
          'other_organisation',
          'this template belongs to another organisation',
          undefined,
          {
            reason: 'not_keeper',
          },
        )
      return presentAlertTemplate(toAlertTemplate(row))
    },
  )

  app.post(
    '/api/v1/alert-templates',
    {
      config: { auth: 'alerts.approve' },
      schema: {
        tags,
        summary: 'Write a template for recurring alerts, with {{placeholders}} in its texts (an approver)',
        body: NewAlertTemplateBody,
        response: { 201: AlertTemplateBody, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        presentAlertTemplate(
          await createAlertTemplate(deps, {
            caller: req.principal!,
            name: req.body.name,
            content: req.body.content,
            source: req.ip,
          }),
        ),
      ),
  )

  app.put(
    '/api/v1/alert-templates/:id',
    {
      config: { auth: 'alerts.approve' },
      schema: {
        tags,
        summary: 'Change a template at the version read: a new version, its pre-approval withdrawn',
        params: IdParams,
        body: AlertTemplateChangeBody,
        response: { 200: AlertTemplateBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentAlertTemplate(
        await changeTemplate(deps, {
          caller: req.principal!,
          templateId: req.params.id,
          version: req.body.version,
          name: req.body.name,
          content: req.body.content,
          source: req.ip,
        }),
      ),
  )

  app.post(
    '/api/v1/alert-templates/:id/pre-approve',
    {
      config: { auth: 'alerts.approve' },
      schema: {
        tags,
        summary: 'Pre-approve the version read: one approver may then issue an alert made from it unchanged',
        description:
          'Refused (alert_template_same_person) for the approver who last changed it. The alerts made from it are marked as issued alone under the template exception.',
        params: IdParams,
        body: AlertTemplateVersionBody,
        response: { 200: AlertTemplateBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentAlertTemplate(
        await preApproveTemplate(deps, {
          caller: req.principal!,
          templateId: req.params.id,
          version: req.body.version,
          source: req.ip,
        }),
      ),
  )

  app.post(
    '/api/v1/alert-templates/:id/retire',
    {
      config: { auth: 'alerts.approve' },
      schema: {
        tags,
        summary: 'Retire a template: no longer offered nor pre-approved; the alerts made from it keep it',
        params: IdParams,
        body: AlertTemplateVersionBody,
        response: { 200: AlertTemplateBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentAlertTemplate(
        await retireTemplate(deps, {
          caller: req.principal!,
          templateId: req.params.id,
          version: req.body.version,
          source: req.ip,
        }),
      ),
  )
}
