import type { CapAlert } from '@liaison/core'
import { capAreaGeometry, capSourceState } from '@liaison/core'
import { defaultPageLimit, errorResponses, PageQuery, WarningPage } from '@liaison/wire'
import { capSourcePolling, listCapSources } from '../../store/alerts/capSourceRows.ts'
import { pageWarningsInForce } from '../../store/alerts/warningsInForceRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { pageFrom, startOf } from '../paging.ts'

/** The duty desk's board of other authorities' warnings in force (decision 031). */
export function warningRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/warnings-in-force',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['alerts'],
        summary:
          "Other authorities' warnings in force: the newest Actual Alert or Update of each chain, not cancelled, not run out; newest sent first, a page at a time, with the sources that are not current (next: the after of the next page, null on the last)",
        querystring: PageQuery,
        response: { 200: WarningPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('warnings', req.query.after)
      const now = deps.clock.now()
      const rows = await pageWarningsInForce(deps.store.db, { after, limit }, now)
      const page = pageFrom('warnings', rows, limit, (r) => ({ key: r.sent_at, id: r.id }))
      // a disabled source is polled by no one: its warnings go stale as any other's
      const sources = (await listCapSources(deps.store.db)).map((s) => ({
        row: s,
        state: capSourceState(capSourcePolling(s), now),
      }))
      const stale = new Set(sources.filter((s) => s.state === 'stale').map((s) => s.row.id))
      const iso = (at: Date | null) => at?.toISOString() ?? null
      return {
        items: page.items.map((r) => {
          // as the node stored it: read by readCap, past the XSD
          const alert = r.alert as CapAlert
          return {
            id: r.id,
            issuer: alert.info.find((i) => i.senderName)?.senderName ?? r.sender,
            sender: r.sender,
            identifier: r.identifier,
            sent: r.sent,
            msgType: r.msg_type,
            info: alert.info.map((i) => ({
              language: i.language ?? 'en-US',
              event: i.event,
              headline: i.headline ?? null,
              severity: i.severity,
              urgency: i.urgency,
              certainty: i.certainty,
              effective: i.effective ?? null,
              onset: i.onset ?? null,
              expires: i.expires ?? null,
              areas: i.area.map(capAreaGeometry),
            })),
            expiresAt: iso(r.expires_at),
            source:
              r.source_id === null || r.source_name === null
                ? null
                : { id: r.source_id, name: r.source_name },
            sourceStale: r.source_id !== null && stale.has(r.source_id),
          }
        }),
        next: page.next,
        sources: sources
          .filter((s) => s.state !== 'ok')
          .map(({ row, state }) => ({
            id: row.id,
            name: row.name,
            state,
            lastAnsweredAt: iso(row.last_answered_at),
            lastChangedAt: iso(row.last_changed_at),
            lastError: row.last_error,
          })),
      }
    },
  )
}
