import { Type } from 'typebox'
import type { Organisation } from '@liaison/core'
import { countries, errorCodes, organisationKinds, refusalReasons, roles } from '@liaison/core'

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(Object.keys(errorCodes)),
      message: Type.String({ description: 'for people, in English' }),
      reason: Type.Optional(
        Type.Enum(Object.keys(refusalReasons), {
          description:
            'for an expected refusal, the rule that refused, from a closed set (for clients to translate)',
        }),
      ),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  {
    $id: 'ErrorBody',
    description:
      'Every error answer: a code from the closed set, a message, the reason of a refusal, optional details',
  },
)

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

export function presentOrganisation(org: Organisation) {
  return {
    ...org,
    createdAt: org.createdAt.toISOString(),
    grantableRoles: org.grantableRoles === null ? null : [...org.grantableRoles],
  }
}

/** The error answers a route may give, for its OpenAPI description. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]))
}
