import type { Role } from '../access/roles.ts'

/** A person who signs in to a node, member of one of its organisations. */
export interface User {
  readonly id: string
  readonly orgId: string
  readonly username: string
  readonly displayName: string
  readonly roles: readonly Role[]
  readonly totpEnrolled: boolean
  readonly disabled: boolean
  readonly lockedUntil: Date | null
  readonly lastSignInAt: Date | null
  readonly createdAt: Date
}

/** An API token as listed: never its secret. */
export interface ApiToken {
  readonly id: string
  readonly orgId: string
  readonly name: string
  readonly scopes: readonly string[]
  readonly createdBy: string
  readonly createdAt: Date
  readonly expiresAt: Date
  readonly revokedAt: Date | null
  readonly lastUsedAt: Date | null
}
