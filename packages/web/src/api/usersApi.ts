import type { Items, NewUserBody, UserBody, UserChangeBody, UserResetBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'

/** A user of the caller's organisation as listed by the API. */
export type UserRecord = Static<typeof UserBody>
export type NewUser = Static<typeof NewUserBody>
export type UserChange = Static<typeof UserChangeBody>
export type UserReset = Static<typeof UserResetBody>

const userPath = (id: string): string => `/api/v1/users/${encodeURIComponent(id)}`

export const listUsers = (): Promise<Items<UserRecord>> => apiClient.get('/api/v1/users')

export const addUser = (user: NewUser): Promise<UserRecord> => apiClient.post('/api/v1/users', user)

export const updateUser = (id: string, change: UserChange): Promise<UserRecord> =>
  apiClient.patch(userPath(id), change)

/** Resets the password and/or the one-time code; also unlocks the account and ends its sessions. */
export const resetUser = (id: string, reset: UserReset): Promise<UserRecord> =>
  apiClient.post(`${userPath(id)}/reset`, reset)
