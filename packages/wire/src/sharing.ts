import { Type } from 'typebox'
import { admissionReasonList, eventStatuses, tlpLevels } from '@liaison/core'
import { Uuid } from './common.ts'

/** A node's id on the wire (`be`, `nl`, `lu`, or finer). */
const NodeId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9.-]*$' })

/** Who may see an item (core's `Distribution`; ARCHITECTURE.md, "Federation"). */
export const DistributionBody = Type.Union([
  Type.Object({ kind: Type.Literal('organisation') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('case'), caseId: Uuid }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('national') }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('neighbours'),
      nodes: Type.Array(NodeId, { minItems: 1, maxItems: 32, uniqueItems: true }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('federation') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('group'), groupId: Uuid }, { additionalProperties: false }),
])

/** A draft item to explain: what it would say about itself, owned by the caller's organisation. */
export const ExplainRequestBody = Type.Object(
  {
    distribution: DistributionBody,
    tlp: Type.Enum(tlpLevels),
    status: Type.Enum(eventStatuses),
    /** The case the item belongs to (a log entry of a case); the caller must take part in it. */
    caseId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
)

const AdmissionReasonBody = Type.Enum(admissionReasonList)

/** For each organisation considered, whether it would see the item and the rule that decides. */
export const ExplainBody = Type.Object({
  organisations: Type.Array(
    Type.Object({
      id: Type.String(),
      nodeId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      kind: Type.Union([Type.Literal('centre'), Type.Literal('partner')]),
      country: Type.String(),
      sees: Type.Boolean(),
      reason: AdmissionReasonBody,
      /** `share`: admitted by this node's explicit share of an item it received. */
      through: Type.Union([Type.Literal('item'), Type.Literal('share')]),
    }),
  ),
  /** Each peer node: whether this node would put the item into its stream. */
  peers: Type.Array(
    Type.Object({
      nodeId: Type.String(),
      receives: Type.Boolean(),
      reason: AdmissionReasonBody,
      organisationIds: Type.Array(Type.String()),
    }),
  ),
})
