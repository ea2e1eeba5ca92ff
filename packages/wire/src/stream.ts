import { Type } from 'typebox'
import { Timestamp, Uuid } from './common.ts'

/** Resume the live stream after an event number (the SSE `Last-Event-ID`). */
export const StreamHeaders = Type.Object({
  'last-event-id': Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })),
})

/** Or resume with `?after=seq`; `?after=latest` for new events only. */
export const StreamQuery = Type.Object(
  { after: Type.Optional(Type.Union([Type.Literal('latest'), Type.Integer({ minimum: 0 })])) },
  { additionalProperties: false },
)

/**
 * One event of the live stream (the `data` of an SSE message whose `event` is its kind and whose
 * `id` is its seq): the envelope a reader needs, and `body`, the domain event with its record
 * under a key of its kind (`entry`, `task`, `case`, `decision`, `sitrep`, `feature`, …).
 */
export const StreamEventBody = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  id: Uuid,
  at: Timestamp,
  kind: Type.String(),
  subject: Type.String(),
  orgId: Type.String(),
  body: Type.Record(Type.String(), Type.Unknown()),
})

/** The last message of a stream the node ends because its credential ended (`event: credential-ended`). */
export const StreamCredentialEndedBody = Type.Object({ reason: Type.String() })
