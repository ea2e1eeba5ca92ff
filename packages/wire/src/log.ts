import { Type } from 'typebox'
import {
  disciplines,
  errorCodes,
  logSources,
  maxLogBatchItems,
  partsOfDay,
  refusalReasons,
  timeQualifiers,
} from '@liaison/core'
import { GeoPointBody } from './cases.ts'
import { Timestamp, Uuid } from './common.ts'
import { pageBody, pageQuery } from './paging.ts'

/** A file attached to a log entry, as listed with the entry (download at /api/v1/attachments/{id}). */
export const AttachmentSummaryBody = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
})

/** A file attached to a log entry, as uploaded or listed on its own. */
export const AttachmentBody = Type.Object({
  id: Uuid,
  logEntryId: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
})

/**
 * A time as reported (decision 015): `at` in the local time it was given in, with its offset; the
 * zone (an offset or an IANA name) it was given in; how sure it is. A part of the day names the
 * part (`at` its start), a range its end (`until`).
 */
export const ReportedTimeBody = Type.Object(
  {
    at: Timestamp,
    zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    qualifier: Type.Optional(Type.Enum(timeQualifiers)),
    part: Type.Optional(Type.Enum(partsOfDay)),
    until: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
)

export const LogEntryBody = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  orgId: Type.String({ format: 'uuid' }),
  authorId: Type.String({ format: 'uuid' }),
  authorName: Type.String(),
  /** `occurred.at`, in UTC. */
  occurredAt: Timestamp,
  /** When it happened, as reported. */
  occurred: ReportedTimeBody,
  recordedAt: Timestamp,
  discipline: Type.Enum(disciplines),
  source: Type.Enum(logSources),
  text: Type.String(),
  location: Type.Union([GeoPointBody, Type.Null()]),
  supersedes: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  /** The files attached to the entry (download at /api/v1/attachments/{id}). */
  attachments: Type.Optional(Type.Array(AttachmentSummaryBody)),
  /** Set when a later entry corrects this one. */
  supersededBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
})

export const NewLogEntryBody = Type.Object(
  {
    /** When it happened: a time with its offset (exact), or a reported time. Absent: now, defaulted. */
    occurredAt: Type.Optional(Type.Union([Timestamp, ReportedTimeBody])),
    discipline: Type.Enum(disciplines),
    source: Type.Enum(logSources),
    text: Type.String({ minLength: 1, maxLength: 10_000 }),
    location: Type.Optional(Type.Union([GeoPointBody, Type.Null()])),
    supersedes: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
)

/** A log's filters and page: by discipline, and a search (accent- and case-blind). */
export const LogQuery = Type.Object(
  {
    discipline: Type.Optional(Type.Enum(disciplines)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    ...pageQuery,
  },
  { additionalProperties: false },
)

export const LogSearchQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 200 }), ...pageQuery },
  { additionalProperties: false },
)

export const LogPage = pageBody(LogEntryBody)

/** A client's id for an entry: 1 to 128 printable ASCII characters, no spaces. */
const ItemId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[!-~]+$' })

export const LogBatchItemBody = Type.Object(
  {
    id: ItemId,
    caseId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    ...NewLogEntryBody.properties,
  },
  { additionalProperties: false },
)

export const LogBatchBody = Type.Object(
  { items: Type.Array(LogBatchItemBody, { minItems: 1, maxItems: maxLogBatchItems }) },
  { additionalProperties: false },
)

export const LogBatchOutcomeBody = Type.Object({
  id: Type.String(),
  outcome: Type.Enum(['applied', 'skipped-replay', 'refused']),
  /** applied: the entry as written. */
  entry: Type.Optional(LogEntryBody),
  /** skipped-replay: the entry the item made when it was first applied. */
  entryId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** refused: why, as a single append would answer. */
  error: Type.Optional(
    Type.Object({
      code: Type.Enum(Object.keys(errorCodes)),
      message: Type.String(),
      reason: Type.Optional(Type.Enum(Object.keys(refusalReasons))),
    }),
  ),
})

export const LogBatchAnswerBody = Type.Object({
  applied: Type.Integer(),
  skipped: Type.Integer(),
  refused: Type.Integer(),
  items: Type.Array(LogBatchOutcomeBody),
})
