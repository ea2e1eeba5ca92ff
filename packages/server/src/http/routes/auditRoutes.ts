import { LiaisonError } from '@liaison/core'
import { pageAudit } from '../../store/audit/auditRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { AuditPage, PageQuery, errorResponses } from '@liaison/wire'
import { pageFrom, startOf } from '../paging.ts'

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
        querystring: PageQuery,
        response: { 200: AuditPage, ...errorResponses(400, 401, 403) },
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
