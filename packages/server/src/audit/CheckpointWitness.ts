import type { SignedAuditCheckpoint } from '@liaison/core'

/**
 * Where a node sends each audit checkpoint it signs, so that others keep a copy the node's own
 * machine cannot rewrite. NOT YET BUILT: once the federation exists, its witness sends each
 * checkpoint to the node's peers, which countersign it and keep it; `audit verify` will then
 * also check the peers' copies. Today the only witness is the local append-only file, and
 * `noWitness` is passed here.
 */
export interface CheckpointWitness {
  /** Called after the checkpoint is on disk. Must not throw for a peer that is away: queue and retry. */
  witness(checkpoint: SignedAuditCheckpoint): Promise<void>
}

export const noWitness: CheckpointWitness = { witness: async () => {} }
