import type { Permission, Role } from '@liaison/core'
import { apiClient } from './apiClient.ts'

export type Stage = 'signed-in' | 'enrol-totp'

/** Who is signed in, and what they may do (`GET /api/v1/me`). */
export interface Me {
  readonly user: {
    readonly id: string
    readonly username: string
    readonly displayName: string
    readonly roles: readonly Role[]
    readonly totpEnrolled: boolean
  }
  readonly organisation: { readonly id: string; readonly code: string; readonly name: string }
  readonly node: { readonly id: string; readonly name: string; readonly country: string }
  readonly permissions: readonly Permission[]
  readonly csrfToken: string
  readonly stage: Stage
  readonly demo: boolean
}

export interface SignedIn {
  readonly stage: Stage
  readonly me: Me
}

export interface SignIn {
  readonly username: string
  readonly password: string
  readonly code?: string
}

export interface TotpEnrolment {
  readonly otpauthUri: string
  readonly secret: string
  /** The otpauth URI as an SVG QR code. */
  readonly qrSvg: string
}

export const signIn = (input: SignIn): Promise<SignedIn> => apiClient.post('/api/v1/session', input)

export const fetchMe = (): Promise<Me> => apiClient.get('/api/v1/me')

export const signOut = (): Promise<void> => apiClient.delete('/api/v1/session')

export const signOutEverywhere = (): Promise<void> => apiClient.post('/api/v1/session/sign-out-everywhere')

export const startTotpEnrolment = (): Promise<TotpEnrolment> => apiClient.post('/api/v1/me/totp/enrolment')

export const confirmTotpEnrolment = (code: string): Promise<SignedIn> =>
  apiClient.post('/api/v1/me/totp', { code })

/** Changes the signed-in person's own password; their other sessions end, this one goes on. */
export const changePassword = (input: {
  readonly currentPassword: string
  readonly newPassword: string
}): Promise<{ readonly otherSessionsEnded: number }> => apiClient.post('/api/v1/me/password', input)
