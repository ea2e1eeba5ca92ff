import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { LiaisonError, canSeeCase, refusalError } from '@liaison/core'
import type { Kysely } from 'kysely'
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
import type { Static } from 'typebox'
import { activatePlan, savePlan } from '../../actions/directory.ts'
import { planDocumentRules, uploadPlanDocument } from '../../actions/uploadPlanDocument.ts'
import { findCase } from '../../store/cases/caseRows.ts'
import type { Database } from '../../store/schema.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { FileNameHeaders, fileNameFromHeader } from '../validation/fileNameHeader.ts'

type PlanDocument = Static<typeof PlanDocumentBody>

/** The documents of some plans (without their bytes), newest first; `latestOnly` keeps one per plan. */
async function planDocuments(
  db: Kysely<Database>,
  planIds: readonly string[],
  latestOnly: boolean,
): Promise<PlanDocument[]> {
  if (planIds.length === 0) return []
  let query = db
    .selectFrom('plan_documents as d')
    .innerJoin('users as u', 'u.id', 'd.uploaded_by')
    .select([
      'd.id',
      'd.plan_id',
      'd.file_name',
      'd.content_type',
      'd.size',
      'd.sha256',
      'd.uploaded_at',
      'd.uploaded_by',
      'u.display_name',
    ])
    .where('d.plan_id', 'in', planIds)
  if (latestOnly) query = query.distinctOn('d.plan_id').orderBy('d.plan_id')
  const rows = await query.orderBy('d.uploaded_at', 'desc').orderBy('d.id', 'desc').execute()
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
    uploadedBy: r.uploaded_by,
    uploadedByName: r.display_name,
  }))
}

/** The plan library: plans' metadata, their documents (every version kept) and their activation by cases. */
export async function planRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.store.db
  const currentDocuments = async (planIds: readonly string[]) =>
    new Map((await planDocuments(db, planIds, true)).map((d) => [d.planId, d]))
  const requirePlan = async (id: string) => {
    const plan = await db.selectFrom('plans').select('id').where('id', '=', id).executeTakeFirst()
    if (!plan) throw new LiaisonError('not_found', `no plan ${id}`)
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
      const rows = await db.selectFrom('plans').selectAll().orderBy('title').execute()
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
        const user = await db
          .selectFrom('users')
          .select('display_name')
          .where('id', '=', meta.uploadedBy)
          .executeTakeFirstOrThrow()
        return reply.status(201).send({
          ...meta,
          uploadedAt: meta.uploadedAt.toISOString(),
          uploadedByName: user.display_name,
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
      return { items: await planDocuments(db, [req.params.id], false) }
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
      const row = await db
        .selectFrom('plan_documents')
        .select(['content_type', 'file_name', 'data'])
        .where('id', '=', req.params.id)
        .executeTakeFirst()
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
      const c = await findCase(db, req.params.id)
      if (!c) throw new LiaisonError('not_found', `no case ${req.params.id}`)
      if (!canSeeCase(c, req.principal!.orgId))
        throw refusalError('not_participant', 'your organisation does not take part in this case')
      const rows = await db
        .selectFrom('case_plans')
        .innerJoin('plans', 'plans.id', 'case_plans.plan_id')
        .select(['plans.id', 'plans.title', 'plans.version', 'case_plans.activated_at'])
        .where('case_plans.case_id', '=', req.params.id)
        .orderBy('case_plans.activated_at')
        .execute()
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
