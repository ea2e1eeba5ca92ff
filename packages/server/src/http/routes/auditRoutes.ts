import { LiaisonError } from '@liaison/core'
import { Type } from 'typebox'
import type { App, AppDeps } from '../AppDeps.ts'
import { AuditRowBody } from '../identitySchemas.ts'
import { errorResponses } from '../schemas.ts'

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/audit',
    {
      config: { auth: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: "The caller's organisation's audit, newest first",
        querystring: Type.Object(
          {
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(AuditRowBody),
            nextBefore: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (req) => {
      if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
      const limit = req.query.limit ?? 50
      let query = deps.store.db
        .selectFrom('audit')
        .select(['seq', 'at', 'actor', 'action', 'target', 'outcome', 'code', 'source', 'details'])
        .where('org_id', '=', req.principal.orgId)
        .orderBy('seq', 'desc')
        .limit(limit + 1)
      if (req.query.before !== undefined) query = query.where('seq', '<', req.query.before)
      const rows = await query.execute()
      const page = rows.slice(0, limit)
      return {
        items: page.map(({ details, ...r }) => ({
          ...r,
          at: r.at.toISOString(),
          selfGranted: selfGrantedOf(details),
        })),
        nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      }
    },
  )
}

/** A self-grant is marked in the audit row's details (actions/updateUser.ts). */
function selfGrantedOf(details: Record<string, unknown> | null): string[] | null {
  const roles = details?.['selfGranted']
  return Array.isArray(roles) && roles.every((r) => typeof r === 'string') ? roles : null
}
