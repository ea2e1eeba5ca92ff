import { Type } from 'typebox'

/** An instant on the wire: an ISO 8601 text (the JSON schema's `date-time`), never a `Date`. */
export const Timestamp = Type.String({ format: 'date-time' })
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()])
export const Uuid = Type.String({ format: 'uuid' })
/** A path naming one thing by its id. */
export const IdParams = Type.Object({ id: Uuid })
/** The answer of an add or a replace that names what it wrote. */
export const IdBody = Type.Object({ id: Uuid })
/** An answer with no body (`204`). */
export const NoContent = Type.Null()
