import type { NotificationBody, NotificationPageBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

export type NotificationRecord = Static<typeof NotificationBody>
export type NotificationKind = NotificationRecord['kind']

/** A page of notifications, newest first; `unread` counts those of the page. */
export type Notifications = Static<typeof NotificationPageBody>

export const listNotifications = (after?: string): Promise<Notifications> =>
  apiClient.get(`/api/v1/notifications${pageQuery({}, after)}`)

export const markNotificationsRead = (upTo: number): Promise<void> =>
  apiClient.post('/api/v1/notifications/read', { upTo })
