import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

export type NotificationKind = 'task-assigned' | 'case-joined' | 'sitrep-approved' | 'case-closed'

export interface NotificationRecord {
  readonly seq: number
  readonly at: string
  readonly kind: NotificationKind
  readonly caseId: string
  readonly title: string
  readonly unread: boolean
}

/** A page of notifications, newest first; `unread` counts those of the page. */
export interface Notifications {
  readonly items: readonly NotificationRecord[]
  readonly next: string | null
  readonly unread: number
}

export const listNotifications = (after?: string): Promise<Notifications> =>
  apiClient.get(`/api/v1/notifications${pageQuery({}, after)}`)

export const markNotificationsRead = (upTo: number): Promise<void> =>
  apiClient.post('/api/v1/notifications/read', { upTo })
