import { LiaisonError } from '@liaison/core'
import { Type } from 'typebox'
import { notificationsFor } from '../../notifications/notificationsFor.ts'
import type { App, AppDeps } from '../AppDeps.ts'

export function notificationRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'What concerns the signed-in user: tasks given to them, cases their organisation joined, reports approved, cases closed',
      },
    },
    async (req) => {
      const p = req.principal
      if (p?.kind !== 'user')
        throw new LiaisonError('forbidden', 'notifications are for people, not API tokens')
      const items = await notificationsFor(deps.store.db, { id: p.userId, orgId: p.orgId })
      return {
        items: items.map((n) => ({ ...n, at: n.at.toISOString() })),
        unread: items.filter((n) => n.unread).length,
      }
    },
  )

  app.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read up to an event number',
        body: Type.Object({ upTo: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const p = req.principal
      if (p?.kind !== 'user')
        throw new LiaisonError('forbidden', 'notifications are for people, not API tokens')
      const at = deps.clock.now()
      await deps.store.db
        .insertInto('notification_reads')
        .values({ user_id: p.userId, read_up_to: req.body.upTo, updated_at: at })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet((eb) => ({
            read_up_to: eb.fn('greatest', [eb.ref('notification_reads.read_up_to'), eb.val(req.body.upTo)]),
            updated_at: at,
          })),
        )
        .execute()
      return reply.status(204).send(null)
    },
  )
}
