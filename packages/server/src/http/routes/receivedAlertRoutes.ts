import type { CapAlert, CapProblem } from '@liaison/core'
import { defaultPageLimit, errorResponses, PageQuery, ReceivedAlertPage } from '@liaison/wire'
import { pageReceivedAlerts } from '../../store/alerts/receivedAlertRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { pageFrom, startOf } from '../paging.ts'

/** Public warnings: the CAP alerts received from other authorities. */
export function receivedAlertRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/received-alerts',
    {
      schema: {
        tags: ['alerts'],
        summary:
          'CAP alerts received from other authorities (`liaison cap import`), newest sent first, a page at a time (next: the after of the next page, null on the last)',
        querystring: PageQuery,
        response: { 200: ReceivedAlertPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('receivedAlerts', req.query.after)
      const rows = await pageReceivedAlerts(deps.store.db, { after, limit })
      const page = pageFrom('receivedAlerts', rows, limit, (r) => ({ key: r.sent_at, id: r.id }))
      return {
        items: page.items.map((r) => {
          // as the node stored them: read by readCap, past the XSD
          const alert = r.alert as CapAlert
          return {
            id: r.id,
            sender: r.sender,
            identifier: r.identifier,
            sent: r.sent,
            status: r.status,
            msgType: r.msg_type,
            references: r.cap_references,
            refersTo: r.refers_to,
            info: alert.info.map((i) => ({
              language: i.language ?? 'en-US',
              event: i.event,
              severity: i.severity,
              headline: i.headline ?? null,
            })),
            warnings: (r.warnings as CapProblem[]).map(({ path, message }) => ({ path, message })),
            fileName: r.file_name,
            importedAt: r.imported_at.toISOString(),
            importedBy: r.imported_by,
          }
        }),
        next: page.next,
      }
    },
  )
}
