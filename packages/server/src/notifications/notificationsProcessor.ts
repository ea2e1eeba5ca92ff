import type { WorkProcessor } from '../processors/Processor.ts'
import { insertNotifications, organisationIds } from '../store/notificationRows.ts'
import type { NotificationRecord } from './notificationOf.ts'
import { notifiableKinds, notificationOf } from './notificationOf.ts'

/** The name of the notifications processor's cursor. */
export const notificationsProcessorName = 'notifications'

/**
 * Materialises the notifications (decision 016): for each event that tells someone something,
 * who (a user or an organisation), seq, kind, case and title, in the `notifications` table, in
 * the transaction that moves its cursor. Its cursor starts at 0, so a node's first start
 * materialises every existing event.
 */
export function notificationsProcessor(): WorkProcessor {
  return {
    name: notificationsProcessorName,
    kinds: notifiableKinds,
    async handle({ tx, events }) {
      const organisations = await organisationIds(tx)
      const records = events
        .map((e) => notificationOf(e, organisations))
        .filter((n): n is NotificationRecord => n !== null)
      await insertNotifications(tx, records)
    },
  }
}
