import type { ApiToken, User } from '@liaison/core'
import type { TokenBody, UserBody } from '@liaison/wire'
import type { Static } from 'typebox'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function presentUser(user: User): Static<typeof UserBody> {
  return {
    ...user,
    roles: [...user.roles],
    lockedUntil: iso(user.lockedUntil),
    lastSignInAt: iso(user.lastSignInAt),
    createdAt: user.createdAt.toISOString(),
  }
}

export function presentToken(token: ApiToken): Static<typeof TokenBody> {
  return {
    ...token,
    scopes: [...token.scopes],
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: iso(token.revokedAt),
    lastUsedAt: iso(token.lastUsedAt),
  }
}
