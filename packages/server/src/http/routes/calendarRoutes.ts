import { LiaisonError } from '@liaison/core'
import { writeCalendar } from '@liaison/formats/icalendar'
import {
  CalendarEventBody,
  CalendarEventsQuery,
  CalendarFeedBody,
  CalendarFileParams,
  IdParams,
  NewCalendarFeedBody,
  NoContent,
  errorResponses,
  itemsBody,
} from '@liaison/wire'
import { createCalendarFeed, revokeCalendarFeed } from '../../actions/calendarFeeds.ts'
import { hashSecret } from '../../auth/secrets.ts'
import { calendarFeedBySecretHash, calendarFeedsOf } from '../../store/calendar/calendarFeedRows.ts'
import { listVisibleCases } from '../../store/cases/caseRows.ts'
import { liaisonVersion } from '../../version.ts'
import type { App, AppDeps } from '../AppDeps.ts'

export function calendarRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/calendar/events',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'Planned events the organisation sees, from a time on (default: 24 hours ago), soonest first',
        querystring: CalendarEventsQuery,
        response: { 200: itemsBody(CalendarEventBody), ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const from = req.query.from
        ? new Date(req.query.from)
        : new Date(deps.clock.now().getTime() - 86_400_000)
      const cases = await listVisibleCases(deps.store.db, req.principal!.orgId, {
        kind: 'planned-event',
        notEndedBefore: from,
        limit: null,
      })
      return {
        items: cases
          .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
          .map((c) => ({
            id: c.id,
            title: c.title,
            type: c.type,
            status: c.status,
            state: c.state,
            startsAt: c.startsAt.toISOString(),
            endsAt: c.endsAt?.toISOString() ?? null,
          })),
      }
    },
  )

  app.get(
    '/api/v1/calendar/feeds',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['calendar'],
        summary: "The organisation's calendar addresses (never their secrets)",
        response: {
          200: itemsBody(CalendarFeedBody),
        },
      },
    },
    async (req) => {
      const rows = await calendarFeedsOf(deps.store.db, req.principal!.orgId)
      return {
        items: rows.map((r) => ({
          id: r.id,
          createdAt: r.created_at.toISOString(),
          revokedAt: r.revoked_at?.toISOString() ?? null,
        })),
      }
    },
  )

  app.post(
    '/api/v1/calendar/feeds',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['calendar'],
        summary: "A secret iCalendar address of the organisation's planned events (shown once)",
        response: {
          201: NewCalendarFeedBody,
          ...errorResponses(401, 403),
        },
      },
    },
    async (req, reply) => {
      const feed = await createCalendarFeed(deps, { caller: req.principal!, source: req.ip })
      return reply.status(201).send({ id: feed.id, url: `${deps.nodeUrl()}/calendar/${feed.secret}.ics` })
    },
  )

  app.delete(
    '/api/v1/calendar/feeds/:id',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Revoke a calendar address',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await revokeCalendarFeed(deps, { caller: req.principal!, feedId: req.params.id, source: req.ip })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/calendar/:file',
    {
      // the secret is in the address: keep it out of the request logs
      logLevel: 'warn',
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        hide: true,
        params: CalendarFileParams,
      },
    },
    async (req, reply) => {
      const secret = req.params.file.replace(/\.ics$/, '')
      const feed = await calendarFeedBySecretHash(deps.store.db, hashSecret(secret))
      if (!feed || feed.revoked_at) throw new LiaisonError('not_found', 'no such calendar')
      // every planned event, past ones too (a calendar keeps its history), up to the 2,000 latest
      const cases = await listVisibleCases(deps.store.db, feed.org_id, {
        kind: 'planned-event',
        limit: 2_000,
      })
      const body = writeCalendar({
        name: `${feed.org_name} — planned events`,
        productId: `-//Liaison//Liaison ${liaisonVersion}//EN`,
        generatedAt: deps.clock.now(),
        events: cases.map((c) => ({
          uid: `${c.id}@${deps.nodeId}.liaison`,
          start: c.startsAt,
          end: c.endsAt,
          summary: `${c.status === 'actual' ? '' : `[${c.status.toUpperCase()}] `}${c.title}`,
          description: c.description,
          location: null,
          geo: c.location,
          status: 'CONFIRMED' as const,
          categories: [c.type, c.status],
          updatedAt: c.updatedAt,
        })),
      })
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body)
    },
  )
}
