import type { Role } from '@liaison/core'
import { apiClient } from './apiClient.ts'

/** A user of the caller's organisation as listed by the API. */
export interface UserRecord {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly roles: readonly Role[]
  readonly totpEnrolled: boolean
  readonly disabled: boolean
  readonly lockedUntil: string | null
  readonly lastSignInAt: string | null
  readonly createdAt: string
}

export interface NewUser {
  readonly username: string
  readonly displayName: string
  readonly roles: readonly Role[]
  readonly password: string
}

export interface UserChange {
  readonly displayName?: string
  readonly roles?: readonly Role[]
  readonly disabled?: boolean
}

export interface UserReset {
  readonly password?: string
  readonly totp?: boolean
}

const userPath = (id: string): string => `/api/v1/users/${encodeURIComponent(id)}`

export const listUsers = (): Promise<{ items: UserRecord[] }> => apiClient.get('/api/v1/users')

export const addUser = (user: NewUser): Promise<UserRecord> => apiClient.post('/api/v1/users', user)

export const updateUser = (id: string, change: UserChange): Promise<UserRecord> =>
  apiClient.patch(userPath(id), change)

/** Resets the password and/or the one-time code; also unlocks the account and ends its sessions. */
export const resetUser = (id: string, reset: UserReset): Promise<UserRecord> =>
  apiClient.post(`${userPath(id)}/reset`, reset)
