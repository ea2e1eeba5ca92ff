import { Type } from 'typebox'
import { eventStatuses, pageReasons, pagingLimits, severities } from '@liaison/core'
import { NullableTimestamp, Timestamp, Uuid } from './common.ts'
import { pageBody, pageQuery } from './paging.ts'

/* Staff paging (issue 11, capability 6; decision 044). */

export const PagingAddressKind = Type.Enum(['sms', 'email'] as const)

export const PagingAddressParams = Type.Object({ kind: PagingAddressKind })

/** One of a user's paging addresses: set, and confirmed or waiting for its code. */
export const PagingAddressBody = Type.Object({
  kind: PagingAddressKind,
  address: Type.String(),
  confirmed: Type.Boolean(),
  confirmedAt: NullableTimestamp,
})

export const PagingAddressesBody = Type.Object({ items: Type.Array(PagingAddressBody) })

/** A phone number (E.164, spaces and dots allowed) or an e-mail address, to confirm with a code sent to it. */
export const NewPagingAddressBody = Type.Object(
  { address: Type.String({ minLength: 3, maxLength: 254 }) },
  { additionalProperties: false },
)

export const PagingCodeBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$', description: 'the six digits that were sent' }) },
  { additionalProperties: false },
)

/** An organisation's on-call chain and its times. */
export const PagingPolicyBody = Type.Object(
  {
    chain: Type.Array(Uuid, {
      maxItems: pagingLimits.chainLength.max,
      description: 'the users paged, in order',
    }),
    minSeverity: Type.Union([Type.Enum(severities), Type.Null()], {
      description: 'a case opened at this severity or higher pages the chain; null: none',
    }),
    stepSeconds: Type.Integer({
      minimum: pagingLimits.stepSeconds.min,
      maximum: pagingLimits.stepSeconds.max,
      description: 'how long each person has to acknowledge before the next is paged',
    }),
    incomingWaitSeconds: Type.Union(
      [
        Type.Integer({
          minimum: pagingLimits.incomingWaitSeconds.min,
          maximum: pagingLimits.incomingWaitSeconds.max,
        }),
        Type.Null(),
      ],
      {
        description:
          "how long a partner's item may wait unacknowledged before the chain is paged; null: never",
      },
    ),
  },
  { additionalProperties: false },
)

/** A page on request from a case, with an optional note that the message carries. */
export const NewPageBody = Type.Object(
  { note: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
)

export const PageItemBody = Type.Object({
  id: Uuid,
  caseId: Type.Union([Uuid, Type.Null()]),
  reason: Type.Enum(pageReasons),
  title: Type.String(),
  status: Type.Enum(eventStatuses),
  note: Type.Union([Type.String(), Type.Null()]),
  chain: Type.Array(Uuid),
  step: Type.Integer(),
  state: Type.Enum(['paging', 'acknowledged', 'exhausted'] as const),
  createdAt: Timestamp,
  acknowledgedAt: NullableTimestamp,
  acknowledgedBy: Type.Union([Uuid, Type.Null()]),
  acknowledgedVia: Type.Union([Type.Enum(['sms', 'link'] as const), Type.Null()]),
})

export const PagesPage = pageBody(PageItemBody)

export const PagesQuery = Type.Object(
  { ...pageQuery, caseId: Type.Optional(Uuid) },
  { additionalProperties: false },
)

/** The token of an acknowledgement link, as in the message. */
export const PageTokenParams = Type.Object({
  token: Type.String({ pattern: '^lpage_[A-Za-z0-9_-]{43}$', description: "the link's token" }),
})
