import { Type } from 'typebox'
import { PageNext } from './paging.ts'

export const notificationKinds = [
  'task-assigned',
  'case-joined',
  'sitrep-approved',
  'case-closed',
  'incoming-item',
] as const

export const NotificationBody = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  kind: Type.Enum(notificationKinds),
  caseId: Type.String({ format: 'uuid' }),
  title: Type.String(),
  unread: Type.Boolean(),
})

/** A page of notifications, newest first; `unread` counts those of the page. */
export const NotificationPageBody = Type.Object({
  items: Type.Array(NotificationBody),
  next: PageNext,
  unread: Type.Integer({ minimum: 0 }),
})

export const NotificationsReadBody = Type.Object(
  { upTo: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
)
