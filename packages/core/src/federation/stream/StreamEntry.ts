import type { SignedEvent } from '../signing/signEvent.ts'

/**
 * One entry of the stream a node keeps for one peer: the events admitted for that peer, numbered
 * from 1 without a gap, each entry chained to the one before by `prev`, the SHA-256 (hex) of the
 * previous entry's canonical JSON. The peer therefore sees a gap, a reordering or a change in what
 * it should receive, and learns nothing of the events it should not: they are not in its stream.
 */
export interface StreamEntry {
  readonly seq: number
  readonly prev: string
  readonly event: SignedEvent<Record<string, unknown>>
}

/** Where a stream stands: the last entry's seq and hash (the genesis before the first). */
export interface StreamHead {
  readonly seq: number
  readonly hash: string
}

/** The `prev` of a stream's first entry. */
export const streamGenesis = '0'.repeat(64)

/** A stream before its first entry. */
export const emptyStreamHead: StreamHead = { seq: 0, hash: streamGenesis }

/** The protocol versions this implementation speaks (docs/federation.md, "Versions"). */
export const federationProtocol = { current: 1, oldest: 1 } as const

/** What one node sends another in one request: entries of the receiver's stream, in order. */
export interface StreamBatch {
  readonly protocol: number
  /** The sending node's id. */
  readonly from: string
  /** The receiving node's id: a batch meant for another node is refused. */
  readonly to: string
  readonly entries: readonly StreamEntry[]
}

/** The most entries one batch may carry. */
export const maxStreamBatch = 500
