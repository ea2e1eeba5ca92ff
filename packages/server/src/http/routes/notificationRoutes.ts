import { LiaisonError } from '@liaison/core'
import {
  NoContent,
  NotificationPageBody,
  NotificationsReadBody,
  PageQuery,
  defaultPageLimit,
  errorResponses,
} from '@liaison/wire'
import { notificationsCaughtUp, pageNotifications } from '../../notifications/notificationsFor.ts'
import { markNotificationsRead } from '../../store/notificationRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { encodeCursor, startOf } from '../paging.ts'

export function notificationRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'What concerns the signed-in user (tasks given to them, cases their organisation joined, reports approved, cases closed), newest first, a page at a time; unread counts those of this page. Follow next until it is null',
        querystring: PageQuery,
        response: {
          200: NotificationPageBody,
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (req) => {
      const p = req.principal
      if (p?.kind !== 'user')
        throw new LiaisonError('forbidden', 'notifications are for people, not API tokens')
      const { limit = defaultPageLimit } = req.query
      const after = startOf('notifications', req.query.after)
      // what was just done is notified once the notifications processor has handled it
      await notificationsCaughtUp(deps.store.db)
      const page = await pageNotifications(deps.store.db, { id: p.userId, orgId: p.orgId }, { after, limit })
      return {
        items: page.items.map((n) => ({ ...n, at: n.at.toISOString() })),
        next: page.next === null ? null : encodeCursor('notifications', { key: page.next, id: '' }),
        unread: page.items.filter((n) => n.unread).length,
      }
    },
  )

  app.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read up to an event number',
        body: NotificationsReadBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const p = req.principal
      if (p?.kind !== 'user')
        throw new LiaisonError('forbidden', 'notifications are for people, not API tokens')
      const at = deps.clock.now()
      await markNotificationsRead(deps.store.db, p.userId, req.body.upTo, at)
      return reply.status(204).send(null)
    },
  )
}
