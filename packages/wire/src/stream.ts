import { Type } from 'typebox'

/** Resume the live stream after an event number (the SSE `Last-Event-ID`). */
export const StreamHeaders = Type.Object({
  'last-event-id': Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })),
})

/** Or resume with `?after=seq`; `?after=latest` for new events only. */
export const StreamQuery = Type.Object(
  { after: Type.Optional(Type.Union([Type.Literal('latest'), Type.Integer({ minimum: 0 })])) },
  { additionalProperties: false },
)
