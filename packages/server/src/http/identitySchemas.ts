import type { ApiToken, User } from '@liaison/core'
import { Type } from 'typebox'
import { permissions, roles } from '@liaison/core'

const Timestamp = Type.String({ format: 'date-time' })
const NullableTimestamp = Type.Union([Timestamp, Type.Null()])

export const UserBody = Type.Object({
  id: Type.String({ format: 'uuid' }),
  orgId: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.Enum(roles)),
  totpEnrolled: Type.Boolean(),
  disabled: Type.Boolean(),
  lockedUntil: NullableTimestamp,
  lastSignInAt: NullableTimestamp,
  createdAt: Timestamp,
})

export const TokenBody = Type.Object({
  id: Type.String({ format: 'uuid' }),
  orgId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdBy: Type.String({ format: 'uuid' }),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  revokedAt: NullableTimestamp,
  lastUsedAt: NullableTimestamp,
})

export const MeBody = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.Enum(roles)),
    totpEnrolled: Type.Boolean(),
  }),
  organisation: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  node: Type.Object({ id: Type.String(), name: Type.String(), country: Type.String() }),
  permissions: Type.Array(Type.Enum(permissions)),
  csrfToken: Type.String(),
  stage: Type.Enum(['signed-in', 'enrol-totp']),
  demo: Type.Boolean(),
})

export const AuditRowBody = Type.Object({
  seq: Type.Integer(),
  at: Timestamp,
  actor: Type.String(),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Enum(['ok', 'refused', 'failed']),
  code: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  selfGranted: Type.Union([Type.Array(Type.String()), Type.Null()], {
    description: 'the roles the actor granted to themselves in this action, if any',
  }),
})

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function presentUser(user: User) {
  return {
    ...user,
    roles: [...user.roles],
    lockedUntil: iso(user.lockedUntil),
    lastSignInAt: iso(user.lastSignInAt),
    createdAt: user.createdAt.toISOString(),
  }
}

export function presentToken(token: ApiToken) {
  return {
    ...token,
    scopes: [...token.scopes],
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: iso(token.revokedAt),
    lastUsedAt: iso(token.lastUsedAt),
  }
}
