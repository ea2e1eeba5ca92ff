import { Type } from 'typebox'
import { permissions, roles } from '@liaison/core'
import { NullableTimestamp, Timestamp } from './common.ts'

/* ---- users ---- */

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

export const UserIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

const Roles = Type.Array(Type.Enum(roles), { minItems: 1, maxItems: roles.length, uniqueItems: true })

export const NewUserBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 64 }),
    displayName: Type.String({ minLength: 2, maxLength: 120 }),
    roles: Roles,
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
)

export const UserChangeBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
    roles: Type.Optional(Roles),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const UserResetBody = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    totp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/* ---- API tokens ---- */

/** An API token as listed: never its secret. */
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

export const NewTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 80 }),
    scopes: Type.Array(Type.String({ maxLength: 40 }), {
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
    }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  { additionalProperties: false },
)

/** The answer to creating a token: the only time its secret is shown. */
export const CreatedTokenBody = Type.Object({ token: TokenBody, secret: Type.String() })

/* ---- session ---- */

export const StageBody = Type.Enum(['signed-in', 'enrol-totp'])

/** Who is signed in, and what they may do (`GET /api/v1/me`). */
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
  stage: StageBody,
  demo: Type.Boolean(),
})

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    code: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
)

export const SignedInBody = Type.Object({ stage: StageBody, me: MeBody })

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
)

export const PasswordChangedBody = Type.Object({ otherSessionsEnded: Type.Integer() })

export const TotpEnrolmentBody = Type.Object({
  secret: Type.String(),
  otpauthUri: Type.String(),
  /** The otpauth URI as an SVG QR code. */
  qrSvg: Type.String(),
})

export const TotpCodeBody = Type.Object(
  { code: Type.String({ pattern: '^\\d{6}$' }) },
  { additionalProperties: false },
)

export const TotpConfirmedBody = Type.Object({ stage: Type.Literal('signed-in'), me: MeBody })

/* ---- demo ---- */

/** A demo node's account, with its password and current one-time code. */
export const DemoAccountBody = Type.Object({
  username: Type.String(),
  password: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  organisation: Type.String(),
  code: Type.String(),
  codeExpiresInSeconds: Type.Integer(),
})

export const DemoAccountsBody = Type.Object({ users: Type.Array(DemoAccountBody) })
