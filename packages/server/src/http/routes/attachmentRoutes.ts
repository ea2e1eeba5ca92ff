import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { canSeeCase, LiaisonError, refusalError } from '@liaison/core'
import { AttachmentBody, errorResponses, IdParams, itemsBody } from '@liaison/wire'
import { attachToLogEntry, attachmentRules } from '../../actions/attachToLogEntry.ts'
import { findCase } from '../../store/cases/caseRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { FileNameHeaders, fileNameFromHeader } from '../validation/fileNameHeader.ts'

/** Files on log entries: uploaded as the raw request body (its type in Content-Type, its name in X-Filename). */
export async function attachmentRoutes(app: App, deps: AppDeps): Promise<void> {
  /** May the caller's organisation see this entry (its own daily log, or a case it takes part in)? */
  const entryVisible = async (entryId: string, orgId: string) => {
    const entry = await deps.store.db
      .selectFrom('log_entries')
      .select(['case_id', 'org_id'])
      .where('id', '=', entryId)
      .executeTakeFirst()
    if (!entry) throw new LiaisonError('not_found', `no log entry ${entryId}`)
    const c = entry.case_id ? await findCase(deps.store.db, entry.case_id) : null
    if (c ? !canSeeCase(c, orgId) : entry.org_id !== orgId)
      throw refusalError('not_participant', 'your organisation does not see this entry')
  }

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
      await entryVisible(req.params.id, req.principal!.orgId)
      const rows = await deps.store.db
        .selectFrom('attachments')
        .select(['id', 'log_entry_id', 'file_name', 'content_type', 'size', 'sha256', 'created_at'])
        .where('log_entry_id', '=', req.params.id)
        .orderBy('created_at')
        .execute()
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
      const row = await deps.store.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', req.params.id)
        .executeTakeFirst()
      if (!row) throw new LiaisonError('not_found', `no attachment ${req.params.id}`)
      await entryVisible(row.log_entry_id, req.principal!.orgId)
      return reply
        .type(row.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
        .header('cache-control', 'private, no-store')
        .send(row.data)
    },
  )
}
