import { Type } from 'typebox'
import { eventStatuses, receiptStates, receivedItemKinds, tlpLevels } from '@liaison/core'
import { NullableTimestamp, Timestamp } from './common.ts'
import { GeometryBody } from './directory.ts'
import { PageNext, pageBody, pageQuery } from './paging.ts'

/* Items received from partner centres (issue 9, capability 8; decision 035). */

const NodeId = Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$', description: 'a node id (be, nl, lu)' })
const ItemId = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9._:-]+$',
  description: "the item's id on its origin",
})

/**
 * An item a partner centre sent, as this node keeps it: its origin (and the origin's centre's
 * name), kind, status and TLP, when it arrived and when its origin last changed it, whether a
 * duty officer acknowledged it, and the item itself as its origin signed it (open: read only).
 */
export const IncomingItemBody = Type.Object({
  origin: Type.String(),
  originName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Enum(receivedItemKinds),
  id: Type.String(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  status: Type.Enum(eventStatuses),
  tlp: Type.Enum(tlpLevels),
  receivedAt: Timestamp,
  changedAt: Timestamp,
  supersededBy: Type.Union([Type.String(), Type.Null()]),
  acknowledgedAt: NullableTimestamp,
  acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  item: Type.Unknown({ description: 'the item as its origin wrote it (JSON)' }),
})

export const IncomingPage = pageBody(IncomingItemBody)

/** What partners sent, of one status (actual unless asked: actual, exercise and test never mix). */
export const IncomingQuery = Type.Object(
  {
    ...pageQuery,
    status: Type.Optional(Type.Enum(eventStatuses)),
    kind: Type.Optional(Type.Enum(receivedItemKinds)),
    origin: Type.Optional(NodeId),
    unacknowledged: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/** An item to acknowledge: its origin, kind and id. */
export const NewAcknowledgementBody = Type.Object(
  { origin: NodeId, kind: Type.Enum(receivedItemKinds), id: ItemId },
  { additionalProperties: false },
)

export const ReceivedCaseParams = Type.Object({ origin: NodeId, id: ItemId })

/** The items of a received case: its log entries (the default), tasks, decisions, approved situation reports or map features. */
export const ReceivedCaseItemsQuery = Type.Object(
  {
    ...pageQuery,
    kind: Type.Optional(
      Type.Union([
        Type.Literal('log-entry'),
        Type.Literal('task'),
        Type.Literal('decision'),
        Type.Literal('sitrep'),
        Type.Literal('map-feature'),
      ]),
    ),
  },
  { additionalProperties: false },
)

/** Received map features as GeoJSON, each with its origin (for its colour), case, status and TLP. */
export const ReceivedFeatureBody = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: GeometryBody,
  properties: Type.Object({
    origin: Type.String(),
    originName: Type.Union([Type.String(), Type.Null()]),
    caseId: Type.Union([Type.String(), Type.Null()]),
    kind: Type.String(),
    label: Type.String(),
    status: Type.Enum(eventStatuses),
    tlp: Type.Enum(tlpLevels),
  }),
})

export const ReceivedFeaturesQuery = Type.Object(
  { ...pageQuery, status: Type.Optional(Type.Enum(eventStatuses)) },
  { additionalProperties: false },
)

export const ReceivedFeaturePage = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(ReceivedFeatureBody),
  next: PageNext,
})

/** A receipt a partner sent for an item of this node: delivered, or acknowledged by a person. */
export const ReceiptBody = Type.Object({
  itemId: Type.String(),
  itemKind: Type.Enum(receivedItemKinds),
  node: Type.String(),
  state: Type.Enum(receiptStates),
  at: Timestamp,
  orgId: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  byName: Type.Union([Type.String(), Type.Null()]),
  receivedAt: Timestamp,
})

export const ReceiptPage = pageBody(ReceiptBody)

/** A case's receipts, a page at a time (by centre and state, then item). */
export const CaseReceiptsQuery = Type.Object({ ...pageQuery }, { additionalProperties: false })
