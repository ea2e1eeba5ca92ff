import type { Case, LogEntry, ReportedTime } from '@liaison/core'
import { Type } from 'typebox'
import type { Static } from 'typebox'
import {
  LiaisonError,
  partsOfDay,
  reportedTimeFromWire,
  reportedTimeToWire,
  timeQualifiers,
  bePlanLevels,
  caseKinds,
  caseStates,
  caseStatuses,
  crosswalk,
  disciplines,
  doctrines,
  logSources,
  severities,
} from '@liaison/core'

const Timestamp = Type.String({ format: 'date-time' })

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

/**
 * A reported time from a request: a plain time with an offset is exact (what clients sent before
 * decision 015), an object says more. Refused as `validation_failed`, naming `field`.
 */
export function reportedTimeInput(
  value: string | Static<typeof ReportedTimeBody> | undefined,
  field: string,
): ReportedTime | undefined {
  if (value === undefined) return undefined
  const wire = typeof value === 'string' ? { at: value } : value
  const refuse = (problem: string): never => {
    throw new LiaisonError('validation_failed', `${field}: ${problem}`, {
      problems: [`${field}: ${problem}`],
    })
  }
  const parsed =
    wire.qualifier === 'part-of-day'
      ? wire.part === undefined
        ? refuse('a part of the day needs its part')
        : reportedTimeFromWire({ at: wire.at, zone: wire.zone, qualifier: 'part-of-day', part: wire.part })
      : wire.qualifier === 'range'
        ? wire.until === undefined
          ? refuse('a range needs its end (until)')
          : reportedTimeFromWire({ at: wire.at, zone: wire.zone, qualifier: 'range', until: wire.until })
        : reportedTimeFromWire({ at: wire.at, zone: wire.zone, qualifier: wire.qualifier })
  return parsed.ok ? parsed.value : refuse(parsed.error.replaceAll('_', ' '))
}
export const GeoPointBody = Type.Object(
  { lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
  { additionalProperties: false },
)
const ScalingBody = Type.Object(
  {
    doctrine: Type.Enum(doctrines),
    level: Type.String({ maxLength: 20 }),
    planLevel: Type.Optional(Type.Union([Type.Enum(bePlanLevels), Type.Null()])),
  },
  { additionalProperties: false },
)

export const CaseBody = Type.Object({
  id: Type.String({ format: 'uuid' }),
  ownerOrgId: Type.String({ format: 'uuid' }),
  kind: Type.Enum(caseKinds),
  status: Type.Enum(caseStatuses),
  type: Type.String(),
  title: Type.String(),
  description: Type.String(),
  location: Type.Union([GeoPointBody, Type.Null()]),
  startsAt: Timestamp,
  endsAt: Type.Union([Timestamp, Type.Null()]),
  severity: Type.Enum(severities),
  state: Type.Enum(caseStates),
  disciplines: Type.Array(Type.Enum(disciplines)),
  scaling: Type.Union([ScalingBody, Type.Null()]),
  /** The case's level with the nearest level of the other two countries beside it. */
  scalingCrosswalk: Type.Union([
    Type.Object({ BE: Type.String(), NL: Type.String(), LU: Type.String() }),
    Type.Null(),
  ]),
  participants: Type.Array(Type.String({ format: 'uuid' })),
  createdAt: Timestamp,
  createdBy: Type.String({ format: 'uuid' }),
  updatedAt: Timestamp,
  fromLogEntry: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
})

export const NewCaseBody = Type.Object(
  {
    kind: Type.Enum(caseKinds),
    status: Type.Enum(caseStatuses),
    type: Type.String({ minLength: 2, maxLength: 40 }),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    location: Type.Optional(Type.Union([GeoPointBody, Type.Null()])),
    startsAt: Type.Optional(Timestamp),
    endsAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
    severity: Type.Enum(severities),
    disciplines: Type.Optional(
      Type.Array(Type.Enum(disciplines), { maxItems: disciplines.length, uniqueItems: true }),
    ),
    scaling: Type.Optional(Type.Union([ScalingBody, Type.Null()])),
    participants: Type.Optional(
      Type.Array(Type.String({ maxLength: 40, description: 'an organisation code, or its id' }), {
        maxItems: 100,
        uniqueItems: true,
      }),
    ),
    /** Promote a daily-log entry to a case: its text becomes the description when none is given. */
    fromLogEntry: Type.Optional(Type.String({ format: 'uuid' })),
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
  attachments: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        fileName: Type.String(),
        contentType: Type.String(),
        size: Type.Integer(),
      }),
    ),
  ),
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

export function presentCase(c: Case) {
  return {
    ...c,
    disciplines: [...c.disciplines],
    participants: [...c.participants],
    scalingCrosswalk: c.scaling ? crosswalk(c.scaling) : null,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }
}

/** Entries with, for each, the entry that corrects it (if any), from `corrections` (see correctionsOf). */
export function presentLog(entries: readonly LogEntry[], corrections: ReadonlyMap<string, string>) {
  return entries.map((e) => presentLogEntry(e, corrections.get(e.id) ?? null))
}

export function presentLogEntry(e: LogEntry, supersededBy: string | null = null) {
  return {
    ...e,
    occurredAt: e.occurredAt.toISOString(),
    occurred: reportedTimeToWire(e.occurred),
    recordedAt: e.recordedAt.toISOString(),
    supersededBy,
  }
}
