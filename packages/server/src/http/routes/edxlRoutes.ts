import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { canSeeCase, LiaisonError, refusalError } from '@liaison/core'
import { defaultEdxlMaxBytes, readEdxlCase } from '@liaison/formats/edxl'
import { EdxlDocument, EdxlImportBody, errorResponses, IdParams } from '@liaison/wire'
import type { FastifyRequest } from 'fastify'
import { importEdxlCase } from '../../actions/importEdxlCase.ts'
import { caseAsEdxl, edxlMediaType, sitrepAsEdxlDe } from '../../edxl/caseAsEdxl.ts'
import { findCase } from '../../store/cases/caseRows.ts'
import { findSitrep } from '../../store/cases/sitrepRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { presentCase } from '../casePresenters.ts'

/** The content types an EDXL-DE document is taken in. */
export const edxlContentTypes: readonly string[] = ['application/xml', 'text/xml']

/**
 * For systems that are not Liaison (decision 039): a case as an EDXL-DE 2.0 distribution carrying
 * an EMSI message, a report as one carrying JSON, and a case opened from such a message.
 */
export async function edxlRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.store.db
  const visibleCase = async (req: FastifyRequest, id: string) => {
    const c = await findCase(db, id)
    if (!c) throw new LiaisonError('not_found', `no case ${id}`)
    if (!req.principal || !canSeeCase(c, req.principal.orgId))
      throw refusalError('not_participant', 'your organisation does not take part in this case')
    return c
  }

  app.get(
    '/api/v1/cases/:id/edxl',
    {
      schema: {
        tags: ['cases'],
        summary:
          'The case as an EDXL-DE 2.0 distribution carrying an EMSI (ISO/TR 22351) message: its facts, location and the counts of its latest approved report (XML)',
        params: IdParams,
        response: { 200: EdxlDocument, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const c = await visibleCase(req, req.params.id)
      return reply.type(edxlMediaType).send(await caseAsEdxl(deps, c))
    },
  )

  app.get(
    '/api/v1/sitreps/:id/edxl-de',
    {
      schema: {
        tags: ['sitreps'],
        summary:
          'The report as an EDXL-DE 2.0 distribution carrying it as a JSON content object shaped on EDXL-SitRep 1.0 (XML)',
        params: IdParams,
        response: { 200: EdxlDocument, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const sitrep = await findSitrep(db, req.params.id)
      if (!sitrep) throw new LiaisonError('not_found', `no situation report ${req.params.id}`)
      const c = await visibleCase(req, sitrep.caseId)
      return reply.type(edxlMediaType).send(await sitrepAsEdxlDe(deps, sitrep, c))
    },
  )

  await app.register(async (scope) => {
    // only in this scope: the document arrives as bytes, up to the reader's limit
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: defaultEdxlMaxBytes },
      (_req, body, done) => done(null, body),
    )
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/cases/import-edxl',
      {
        config: { auth: 'cases.manage' },
        bodyLimit: defaultEdxlMaxBytes,
        schema: {
          tags: ['cases'],
          summary: `Open a case from another system's EDXL-DE 2.0 distribution carrying an EMSI message (${edxlContentTypes.join(' or ')}, at most 1 MiB); your organisation owns it`,
          response: { 201: EdxlImportBody, ...errorResponses(400, 401, 403, 413, 415) },
        },
      },
      async (req, reply) => {
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
        if (!edxlContentTypes.includes(contentType))
          throw new LiaisonError(
            'unsupported_media_type',
            `content-type: send the document as ${edxlContentTypes.join(' or ')}`,
          )
        const body = req.body
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new LiaisonError('malformed_body', 'body: send the EDXL-DE document as the request body')
        const read = readEdxlCase(new Uint8Array(body.buffer, body.byteOffset, body.length))
        if (!read.ok)
          throw new LiaisonError(
            'validation_failed',
            read.error.map((p) => `${p.path}: ${p.message}`).join('; '),
            { problems: read.error },
          )
        const done = await importEdxlCase(deps, {
          read: read.value,
          caller: req.principal!,
          fileName: null,
          source: req.ip,
        })
        return reply.status(201).send({
          case: presentCase(done.case),
          original: {
            distributionId: read.value.distribution.id,
            senderId: read.value.distribution.senderId,
            emsiId: read.value.emsi.id,
            eventId: read.value.case.id,
          },
          warnings: [...done.warnings],
        })
      },
    )
  })
}
