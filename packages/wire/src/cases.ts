import { Type } from 'typebox'
import {
  bePlanLevels,
  caseKinds,
  caseStates,
  caseStatuses,
  disciplines,
  doctrines,
  severities,
} from '@liaison/core'
import { Timestamp, Uuid } from './common.ts'
import { pageBody, pageQuery } from './paging.ts'

export const GeoPointBody = Type.Object(
  { lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
  { additionalProperties: false },
)

/** A case's scaling; `planLevel` (the national emergency plan's activation level) only for doctrine BE. */
export const ScalingBody = Type.Object(
  {
    doctrine: Type.Enum(doctrines),
    level: Type.String({ maxLength: 20 }),
    planLevel: Type.Optional(Type.Union([Type.Enum(bePlanLevels), Type.Null()])),
  },
  { additionalProperties: false },
)

/** A case as the API presents it; participants are organisation ids. */
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

const ParticipantCodes = Type.Array(
  Type.String({ maxLength: 40, description: 'an organisation code, or its id' }),
  { maxItems: 100, uniqueItems: true },
)

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
    participants: Type.Optional(ParticipantCodes),
    /** Promote a daily-log entry to a case: its text becomes the description when none is given. */
    fromLogEntry: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
)

/** A change of a case: its state, who takes part, or a correction of its details. */
export const CaseChangeBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 3, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    severity: Type.Optional(Type.Enum(severities)),
    scaling: Type.Optional(Type.Union([ScalingBody, Type.Null()])),
    endsAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
    state: Type.Optional(Type.Enum(caseStates)),
    participants: Type.Optional(ParticipantCodes),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const CaseListQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum(caseStates)),
    status: Type.Optional(Type.Enum(caseStatuses)),
    ...pageQuery,
  },
  { additionalProperties: false },
)

export const CaseIdParams = Type.Object({ id: Uuid })

/** A page of cases, latest start first. */
export const CasePage = pageBody(CaseBody)
