import { apiClient } from './apiClient.ts'

export type NotificationKind = 'task-assigned' | 'case-joined' | 'sitrep-approved' | 'case-closed'

export interface NotificationRecord {
  readonly seq: number
  readonly at: string
  readonly kind: NotificationKind
  readonly caseId: string
  readonly title: string
  readonly unread: boolean
}

export interface Notifications {
  readonly items: readonly NotificationRecord[]
  readonly unread: number
}

export const listNotifications = (): Promise<Notifications> => apiClient.get('/api/v1/notifications')

export const markNotificationsRead = (upTo: number): Promise<void> =>
  apiClient.post('/api/v1/notifications/read', { upTo })
