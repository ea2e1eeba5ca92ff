import type { AudienceFacts, SharedItem } from '../../sharing/localAudience.ts'
import { localAudience } from '../../sharing/localAudience.ts'

/**
 * The organisations of this node that see an item received from another node: core's
 * `localAudience` of the distribution its origin gave it, with the facts this node holds (its
 * organisations and centre; the participants of the origin's case as last received; its sharing
 * groups). Fail-closed: an item that claims to come from this node sees nobody (it is not a
 * received item), and a case this node has not received adds nobody.
 */
export function receivedAudience(item: SharedItem, facts: AudienceFacts): string[] {
  if (item.origin === facts.nodeId) return []
  return localAudience(item, facts)
}
