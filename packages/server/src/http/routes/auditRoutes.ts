import { LiaisonError } from '@liaison/core'
import { Type } from 'typebox'
import { pageAudit } from '../../audit/auditRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { AuditRowBody } from '../identitySchemas.ts'
import { pageBody, pageFrom, pageQuery, startOf } from '../paging.ts'
import { errorResponses } from '../schemas.ts'

/** The audit's pages are shorter than other lists': each row is wide. */
const auditPageLimit = 50

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/audit',
    {
      config: { auth: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: `The caller's organisation's audit, newest first, a page at a time (${auditPageLimit} rows unless limit says otherwise)`,
        querystring: Type.Object(pageQuery, { additionalProperties: false }),
        response: { 200: pageBody(AuditRowBody), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
      const limit = req.query.limit ?? auditPageLimit
      const after = startOf('audit', req.query.after)
      const rows = await pageAudit(deps.store.db, req.principal.orgId, { after, limit })
      const page = pageFrom('audit', rows, limit, (r) => ({ key: r.seq, id: '' }))
      return {
        items: page.items.map(({ details, ...r }) => ({
          ...r,
          at: r.at.toISOString(),
          selfGranted: selfGrantedOf(details),
        })),
        next: page.next,
      }
    },
  )
}

/** A self-grant is marked in the audit row's details (actions/updateUser.ts). */
function selfGrantedOf(details: Record<string, unknown> | null): string[] | null {
  const roles = details?.['selfGranted']
  return Array.isArray(roles) && roles.every((r) => typeof r === 'string') ? roles : null
}
