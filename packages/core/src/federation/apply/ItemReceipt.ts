/** The kinds of items of another node this node keeps and shows (decision 035). */
export const receivedItemKinds = ['case', 'log-entry', 'task', 'map-feature', 'decision', 'sitrep'] as const
export type ReceivedItemKind = (typeof receivedItemKinds)[number]

export function isReceivedItemKind(value: unknown): value is ReceivedItemKind {
  return typeof value === 'string' && (receivedItemKinds as readonly string[]).includes(value)
}

/**
 * An item a partner centre sent that an organisation of this node now sees for the first time,
 * as the inbox applier announces it to that organisation (`incoming.received`, which never
 * leaves the node).
 */
export interface IncomingNotice {
  readonly origin: string
  readonly kind: ReceivedItemKind
  readonly id: string
  readonly caseId: string | null
  readonly title: string
}

export const receiptStates = ['delivered', 'acknowledged'] as const
export type ReceiptState = (typeof receiptStates)[number]

/**
 * What a receiving node tells an item's origin about it (issue 9, capability 5): `delivered` when
 * its processor applied it, `acknowledged` when a duty officer did. It travels in an event of the
 * receiving node (`receipt.recorded`) whose distribution reaches the origin's centre only.
 */
export interface ItemReceipt {
  /** The item's id on its origin (a case, a log entry, a task, a map feature). */
  readonly itemId: string
  readonly itemKind: ReceivedItemKind
  readonly state: ReceiptState
  /** When (ISO 8601 text: a receipt is read back as it was sent). */
  readonly at: string
  /** The organisation of the receiving node that acknowledged it; null for `delivered`. */
  readonly orgId: string | null
  /** Who acknowledged it, as they are named; null for `delivered`. */
  readonly byName: string | null
}
