import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { LiaisonError } from '@liaison/core'
import { AttachmentBody, errorResponses, IdParams, itemsBody } from '@liaison/wire'
import { attachToLogEntry, attachmentRules } from '../../actions/attachToLogEntry.ts'
import { requireVisibleLogEntry } from '../../actions/readAccess.ts'
import { attachmentsOfEntry, findAttachment } from '../../store/cases/attachmentRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { FileNameHeaders, fileNameFromHeader } from '../validation/fileNameHeader.ts'

/** Files on log entries: uploaded as the raw request body (its type in Content-Type, its name in X-Filename). */
export async function attachmentRoutes(app: App, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    // only in this scope: file bodies arrive as bytes, up to the attachment limit
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: attachmentRules.maxBytes },
      (_req, body, done) => done(null, body),
    )
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/log-entries/:id/attachments',
      {
        config: { auth: 'cases.write' },
        bodyLimit: attachmentRules.maxBytes,
        schema: {
          tags: ['log'],
          summary: `Attach a file to a log entry of your organisation (${attachmentRules.types.join(', ')}; at most 10 MiB; name in X-Filename)`,
          params: IdParams,
          headers: FileNameHeaders,
          response: { 201: AttachmentBody, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      async (req, reply) => {
        const body = req.body
        if (!Buffer.isBuffer(body))
          throw new LiaisonError('malformed_body', 'send the file as the request body')
        const fileName = fileNameFromHeader(req.headers['x-filename'])
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim()
        const meta = await attachToLogEntry(deps, {
          caller: req.principal!,
          entryId: req.params.id,
          fileName,
          contentType,
          data: body,
          source: req.ip,
        })
        return reply.status(201).send({ ...meta, createdAt: meta.createdAt.toISOString() })
      },
    )
  })

  app.get(
    '/api/v1/log-entries/:id/attachments',
    {
      schema: {
        tags: ['log'],
        summary: "A log entry's files",
        params: IdParams,
        response: {
          200: itemsBody(AttachmentBody),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (req) => {
      await requireVisibleLogEntry(deps.store.db, req.params.id, req.principal!.orgId)
      const rows = await attachmentsOfEntry(deps.store.db, req.params.id)
      return {
        items: rows.map((r) => ({
          id: r.id,
          logEntryId: r.log_entry_id,
          fileName: r.file_name,
          contentType: r.content_type,
          size: r.size,
          sha256: r.sha256,
          createdAt: r.created_at.toISOString(),
        })),
      }
    },
  )

  app.get(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags: ['log'],
        summary: 'Download a file (always as an attachment, never shown inline)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const row = await findAttachment(deps.store.db, req.params.id)
      if (!row) throw new LiaisonError('not_found', `no attachment ${req.params.id}`)
      await requireVisibleLogEntry(deps.store.db, row.log_entry_id, req.principal!.orgId)
      return reply
        .type(row.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
        .header('cache-control', 'private, no-store')
        .send(row.data)
    },
  )
}
