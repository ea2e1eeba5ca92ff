import { Type } from 'typebox'
import { capSourceLimits, capSourceStates } from '@liaison/core'
import { NullableTimestamp, Timestamp, Uuid } from './common.ts'
import { pageBody } from './paging.ts'

const l = capSourceLimits

/** A CAP source to add (decision 031): an Atom or RSS index feed, or one CAP document. */
export const NewCapSourceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: l.nameMax }),
    url: Type.String({ maxLength: l.urlMax, pattern: '^[hH][tT][tT][pP][sS]?://\\S+$' }),
    pollSeconds: Type.Integer({ minimum: l.pollSecondsMin, maximum: l.pollSecondsMax, default: 300 }),
    staleAfterSeconds: Type.Integer({
      minimum: l.staleAfterSecondsMin,
      maximum: l.staleAfterSecondsMax,
      default: 3600,
      description:
        'at least pollSeconds: how long the feed may go unanswered or unchanged before it is stale',
    }),
    enabled: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
)

/** A CAP source and how its polling goes. */
export const CapSourceBody = Type.Object({
  id: Uuid,
  name: Type.String(),
  url: Type.String(),
  pollSeconds: Type.Integer(),
  staleAfterSeconds: Type.Integer(),
  enabled: Type.Boolean(),
  state: Type.Enum(capSourceStates, {
    description:
      'waiting (not asked yet), ok, failing (its last request failed) or stale (not answered, or unchanged, for longer than staleAfterSeconds)',
  }),
  lastFetchedAt: NullableTimestamp,
  lastAnsweredAt: NullableTimestamp,
  lastChangedAt: NullableTimestamp,
  lastErrorAt: NullableTimestamp,
  lastError: Type.Union([Type.String(), Type.Null()]),
  skipped: Type.Array(Type.Object({ url: Type.String(), reason: Type.String() }), {
    description: 'the entries of the last changed feed that are not CAP 1.2, each with why',
  }),
  createdAt: Timestamp,
})

const LonLat = Type.Tuple([Type.Number(), Type.Number()])

/** An area of a warning: its description, its polygons as GeoJSON, its circles. */
export const WarningAreaBody = Type.Object({
  areaDesc: Type.String(),
  polygons: Type.Union([
    Type.Object({
      type: Type.Literal('MultiPolygon'),
      coordinates: Type.Array(Type.Array(Type.Array(LonLat))),
    }),
    Type.Null(),
  ]),
  circles: Type.Array(Type.Object({ centre: LonLat, radiusKm: Type.Number() })),
})

/** One warning in force: the newest message of its chain, with what the board shows of it. */
export const WarningBody = Type.Object({
  id: Uuid,
  issuer: Type.String({ description: "the info's senderName, else the alert's sender" }),
  sender: Type.String(),
  identifier: Type.String(),
  sent: Type.String(),
  msgType: Type.String({ description: 'Alert or Update' }),
  info: Type.Array(
    Type.Object({
      language: Type.String(),
      event: Type.String(),
      headline: Type.Union([Type.String(), Type.Null()]),
      severity: Type.String(),
      urgency: Type.String(),
      certainty: Type.String(),
      effective: Type.Union([Type.String(), Type.Null()]),
      onset: Type.Union([Type.String(), Type.Null()]),
      expires: Type.Union([Type.String(), Type.Null()]),
      areas: Type.Array(WarningAreaBody),
    }),
  ),
  expiresAt: NullableTimestamp,
  source: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()], {
    description: 'the CAP source it was polled from; null when imported by hand',
  }),
  sourceStale: Type.Boolean({ description: 'its source is stale: what it says may no longer be current' }),
})

/** A source the board must flag: one whose word may no longer be current. */
export const BoardSourceBody = Type.Object({
  id: Uuid,
  name: Type.String(),
  state: Type.Enum(capSourceStates),
  lastAnsweredAt: NullableTimestamp,
  lastChangedAt: NullableTimestamp,
  lastError: Type.Union([Type.String(), Type.Null()]),
})

/** A page of the warnings in force, with the sources that are not ok (on every page). */
export const WarningPage = Type.Object({
  ...pageBody(WarningBody).properties,
  sources: Type.Array(BoardSourceBody, {
    description:
      'the CAP sources that are failing or stale (or not asked yet): their warnings may not be current',
  }),
})
