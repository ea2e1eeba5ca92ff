import { Type } from 'typebox'
import {
  alertProposalAnswers,
  alertProposalRelations,
  alertProposalStates,
  capCategories,
  capCertainties,
  capSeverities,
  capUrgencies,
  issuableStatuses,
} from '@liaison/core'
import { NullableTimestamp, Timestamp } from './common.ts'
import { pageBody, pageQuery } from './paging.ts'

/* Alert proposals across borders (issue 10, capability 9; decision 042). */

const NodeId = Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$', description: 'a node id (be, nl, lu)' })
const ProposalId = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9._:-]+$',
  description: "the proposal's id on its origin",
})
const NullableText = Type.Union([Type.String(), Type.Null()])

export const AlertProposalParams = Type.Object({ origin: NodeId, id: ProposalId })

/** One language of a proposed alert: its texts and codes. */
export const AlertProposalInfoBody = Type.Object({
  language: Type.String(),
  category: Type.Array(Type.Enum(capCategories)),
  event: Type.String(),
  urgency: Type.Enum(capUrgencies),
  severity: Type.Enum(capSeverities),
  certainty: Type.Enum(capCertainties),
  headline: NullableText,
  description: NullableText,
  instruction: NullableText,
  onset: NullableText,
  expires: NullableText,
})

/**
 * An alert proposal, sent by this node to a neighbour or received from one: the part of the area
 * on the neighbour's side (GeoJSON, [lon, lat]), the texts, the codes, the original alert's
 * identifier and sender, and where it stands (proposed, adopted, declined with a reason, noted).
 */
export const AlertProposalBody = Type.Object({
  origin: Type.String(),
  originName: NullableText,
  id: Type.String(),
  direction: Type.Union([Type.Literal('sent'), Type.Literal('received')]),
  toNode: Type.String(),
  toCountry: Type.String(),
  alertId: Type.String({ description: "the original alert's id on its origin" }),
  identifier: Type.String({ description: "the original alert's CAP identifier" }),
  sender: Type.String({ description: "the original alert's CAP sender" }),
  status: Type.Enum(issuableStatuses),
  alertState: Type.Union([Type.Literal('submitted'), Type.Literal('issued')]),
  relation: Type.Enum(alertProposalRelations),
  km: Type.Number({ description: 'the distance to the border (0 when the area crosses it)' }),
  areaDesc: Type.String(),
  area: Type.Object({
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(Type.Array(Type.Array(Type.Number())))),
  }),
  info: Type.Array(AlertProposalInfoBody),
  state: Type.Enum(alertProposalStates),
  reason: NullableText,
  answeredAt: NullableTimestamp,
  answeredBy: NullableText,
  adoptedAlertId: NullableText,
  proposedAt: Timestamp,
  receivedAt: Timestamp,
})

export const AlertProposalPage = pageBody(AlertProposalBody)

/** Proposals received (the default) or sent, of one CAP status (Actual unless asked), newest first. */
export const AlertProposalQuery = Type.Object(
  {
    ...pageQuery,
    direction: Type.Optional(Type.Union([Type.Literal('received'), Type.Literal('sent')])),
    status: Type.Optional(Type.Enum(issuableStatuses)),
    open: Type.Optional(Type.Boolean({ description: 'only those not answered yet' })),
  },
  { additionalProperties: false },
)

/** The receiving centre's answer: adopt (as a draft of its own), decline with a reason, or note. */
export const NewAlertProposalAnswerBody = Type.Object(
  {
    answer: Type.Enum(alertProposalAnswers),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    sender: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        pattern: '^[^\\s,<&]+$',
        description: "the CAP sender of the adopted draft (this node's id when not given)",
      }),
    ),
  },
  { additionalProperties: false },
)

export const AlertProposalAnsweredBody = Type.Object({
  proposal: AlertProposalBody,
  adoptedAlertId: NullableText,
})
