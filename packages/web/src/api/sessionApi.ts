import type {
  MeBody,
  PasswordChangeBody,
  PasswordChangedBody,
  SignInBody,
  SignedInBody,
  TotpConfirmedBody,
  TotpEnrolmentBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'

/** Who is signed in, and what they may do (`GET /api/v1/me`). */
export type Me = Static<typeof MeBody>
export type Stage = Me['stage']
export type SignedIn = Static<typeof SignedInBody>
export type SignIn = Static<typeof SignInBody>
export type TotpEnrolment = Static<typeof TotpEnrolmentBody>

export const signIn = (input: SignIn): Promise<SignedIn> => apiClient.post('/api/v1/session', input)

export const fetchMe = (): Promise<Me> => apiClient.get('/api/v1/me')

export const signOut = (): Promise<void> => apiClient.delete('/api/v1/session')

export const signOutEverywhere = (): Promise<void> => apiClient.post('/api/v1/session/sign-out-everywhere')

export const startTotpEnrolment = (): Promise<TotpEnrolment> => apiClient.post('/api/v1/me/totp/enrolment')

export const confirmTotpEnrolment = (code: string): Promise<Static<typeof TotpConfirmedBody>> =>
  apiClient.post('/api/v1/me/totp', { code })

/** Changes the signed-in person's own password; their other sessions end, this one goes on. */
export const changePassword = (
  input: Static<typeof PasswordChangeBody>,
): Promise<Static<typeof PasswordChangedBody>> => apiClient.post('/api/v1/me/password', input)
