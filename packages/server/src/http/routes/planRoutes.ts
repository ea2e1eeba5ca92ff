import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { LiaisonError } from '@liaison/core'
import {
  ActivatedPlanBody,
  IdBody,
  IdParams,
  NewPlanBody,
  NoContent,
  PlanActivationBody,
  PlanBody,
  PlanDocumentBody,
  errorResponses,
  itemsBody,
} from '@liaison/wire'
import { activatePlan, savePlan } from '../../actions/directory.ts'
import { planDocumentRules, uploadPlanDocument } from '../../actions/uploadPlanDocument.ts'
import { visibleCase } from '../../actions/readAccess.ts'
import {
  activatedPlansOf,
  listPlans,
  planDocumentFile,
  planDocumentRows,
  planKeeper,
} from '../../store/directory/planRows.ts'
import { displayNameOf } from '../../store/identity/userRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { presentPlanDocument } from '../planPresenters.ts'
import { FileNameHeaders, fileNameFromHeader } from '../validation/fileNameHeader.ts'

/** The plan library: plans' metadata, their documents (every version kept) and their activation by cases. */
export async function planRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.store.db
  const currentDocuments = async (planIds: readonly string[]) =>
    new Map((await planDocumentRows(db, planIds, true)).map((d) => [d.plan_id, presentPlanDocument(d)]))
  const requirePlan = async (id: string) => {
    if ((await planKeeper(db, id)) === undefined) throw new LiaisonError('not_found', `no plan ${id}`)
  }

  app.get(
    '/api/v1/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'The plan library of the node, each plan with its current document',
        response: { 200: itemsBody(PlanBody), ...errorResponses(401) },
      },
    },
    async () => {
      const rows = await listPlans(db)
      const current = await currentDocuments(rows.map((r) => r.id))
      return {
        items: rows.map((r) => ({
          id: r.id,
          ownerOrgId: r.owner_org_id,
          title: r.title,
          scope: r.scope,
          area: r.area,
          version: r.version,
          validUntil: r.valid_until,
          document: r.document,
          currentDocument: current.get(r.id) ?? null,
          updatedAt: r.updated_at.toISOString(),
        })),
      }
    },
  )

  app.post(
    '/api/v1/plans',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['plans'],
        summary: 'Add a plan (its metadata; upload its document afterwards)',
        body: NewPlanBody,
        response: { 201: IdBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const id = await savePlan(deps, {
        caller: req.principal!,
        plan: { scope: '', area: '', version: '1', validUntil: null, document: '', ...req.body },
        source: req.ip,
      })
      return reply.status(201).send({ id })
    },
  )

  app.put(
    '/api/v1/plans/:id',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['plans'],
        summary: "Change a plan's metadata (only the organisation that keeps it)",
        params: IdParams,
        body: NewPlanBody,
        response: { 200: IdBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      id: await savePlan(deps, {
        caller: req.principal!,
        planId: req.params.id,
        plan: { scope: '', area: '', version: '1', validUntil: null, document: '', ...req.body },
        source: req.ip,
      }),
    }),
  )

  await app.register(async (scope) => {
    // only in this scope: documents arrive as bytes, up to the plan document limit
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: planDocumentRules.maxBytes },
      (_req, body, done) => done(null, body),
    )
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/plans/:id/documents',
      {
        config: { auth: 'cases.manage' },
        bodyLimit: planDocumentRules.maxBytes,
        schema: {
          tags: ['plans'],
          summary: `Upload a new version of a plan's document (${planDocumentRules.types.join(', ')}; at most 25 MiB; name in X-Filename)`,
          params: IdParams,
          headers: FileNameHeaders,
          response: { 201: PlanDocumentBody, ...errorResponses(400, 401, 403, 404, 413, 415) },
        },
      },
      async (req, reply) => {
        const body = req.body
        if (!Buffer.isBuffer(body))
          throw new LiaisonError('malformed_body', 'send the file as the request body')
        const fileName = fileNameFromHeader(req.headers['x-filename'])
        const meta = await uploadPlanDocument(deps, {
          caller: req.principal!,
          planId: req.params.id,
          fileName,
          contentType: (req.headers['content-type'] ?? '').split(';')[0]!.trim(),
          data: body,
          source: req.ip,
        })
        const uploadedByName = await displayNameOf(db, meta.uploadedBy)
        if (uploadedByName === undefined) throw new Error(`no user ${meta.uploadedBy}`)
        return reply.status(201).send({
          ...meta,
          uploadedAt: meta.uploadedAt.toISOString(),
          uploadedByName,
        })
      },
    )
  })

  app.get(
    '/api/v1/plans/:id/documents',
    {
      schema: {
        tags: ['plans'],
        summary: "Every version of a plan's document, newest (the current one) first",
        params: IdParams,
        response: {
          200: itemsBody(PlanDocumentBody),
          ...errorResponses(401, 404),
        },
      },
    },
    async (req) => {
      await requirePlan(req.params.id)
      return { items: (await planDocumentRows(db, [req.params.id], false)).map(presentPlanDocument) }
    },
  )

  app.get(
    '/api/v1/plan-documents/:id',
    {
      schema: {
        tags: ['plans'],
        summary: "Download a version of a plan's document (always as an attachment, never shown inline)",
        params: IdParams,
      },
    },
    async (req, reply) => {
      const row = await planDocumentFile(db, req.params.id)
      if (!row) throw new LiaisonError('not_found', `no plan document ${req.params.id}`)
      return reply
        .type(row.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
        .header('cache-control', 'private, no-store')
        .send(row.data)
    },
  )

  app.get(
    '/api/v1/cases/:id/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'The plans a case activated, each with its current document',
        params: IdParams,
        response: {
          200: itemsBody(ActivatedPlanBody),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (req) => {
      await visibleCase(db, req.params.id, req.principal!.orgId)
      const rows = await activatedPlansOf(db, req.params.id)
      const current = await currentDocuments(rows.map((r) => r.id))
      return {
        items: rows.map((r) => ({
          id: r.id,
          title: r.title,
          version: r.version,
          activatedAt: r.activated_at.toISOString(),
          currentDocument: current.get(r.id) ?? null,
        })),
      }
    },
  )

  app.post(
    '/api/v1/cases/:id/plans',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['plans'],
        summary: 'Record that the case activates a plan',
        params: IdParams,
        body: PlanActivationBody,
        response: { 204: NoContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await activatePlan(deps, {
        caller: req.principal!,
        caseId: req.params.id,
        planId: req.body.planId,
        source: req.ip,
      })
      return reply.status(204).send(null)
    },
  )
}
