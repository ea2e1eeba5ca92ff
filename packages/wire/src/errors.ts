import { errorCodes, refusalReasons } from '@liaison/core'
import { Type } from 'typebox'

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

/** The error answers a route may give, for its OpenAPI description. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]))
}
