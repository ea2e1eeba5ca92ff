import { Type } from 'typebox'
import { countries, organisationKinds, roles } from '@liaison/core'

export const OrganisationBody = Type.Object({
  id: Type.String({ format: 'uuid' }),
  nodeId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.Enum(organisationKinds),
  country: Type.Enum(countries),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  grantableRoles: Type.Union([Type.Array(Type.Enum(roles)), Type.Null()], {
    description: "the roles its own administrators may grant (set by the centre's); null: any (the centre)",
  }),
})

export const NewOrganisationBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$' }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    kind: Type.Enum(organisationKinds),
    country: Type.Optional(Type.Enum(countries)),
  },
  { additionalProperties: false },
)

export const OrganisationCodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) })

export const GrantableRolesBody = Type.Object(
  { grantableRoles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, uniqueItems: true }) },
  { additionalProperties: false },
)

/** Which node this is (public: the sign-in page shows the centre's name). */
export const NodeBody = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Type.Enum(countries),
  centre: Type.Union([OrganisationBody, Type.Null()]),
  version: Type.String(),
  signingKey: Type.Object(
    {
      algorithm: Type.Literal('Ed25519'),
      publicKey: Type.String({ description: 'the raw 32-byte public key, base64' }),
      fingerprint: Type.String({ description: 'SHA-256 of the raw public key, hex' }),
    },
    { description: "the node's identity key, which signs its audit checkpoints" },
  ),
})

/** Liveness: the process answers. */
export const HealthBody = Type.Object({
  status: Type.Literal('ok'),
  node: Type.String(),
  version: Type.String(),
})

/** Readiness: started, migrated and the store answers. */
export const ReadyBody = Type.Object({
  status: Type.Literal('ready'),
  node: Type.String(),
  store: Type.String(),
})

export const MetricsBody = Type.String({ description: 'the Prometheus text format' })
