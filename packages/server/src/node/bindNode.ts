import { LiaisonError } from '@liaison/core'
import type { Kysely } from 'kysely'
import { claimNodeId } from '../store/nodeMetaRows.ts'
import type { Database } from '../store/schema.ts'

/** A database belongs to one node: starting another node on it is refused, not silently merged. */
export async function bindNode(db: Kysely<Database>, nodeId: string): Promise<void> {
  const recorded = await claimNodeId(db, nodeId)
  if (recorded !== nodeId) {
    throw new LiaisonError(
      'config_invalid',
      `this database belongs to node '${String(recorded)}', not '${nodeId}': check node.id or the store`,
    )
  }
}
