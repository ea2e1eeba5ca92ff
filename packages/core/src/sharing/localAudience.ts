import type { Distribution } from './Distribution.ts'

/** What an event says about itself that decides who sees it. */
export interface SharedItem {
  /** The node that wrote it. */
  readonly origin: string
  /** The organisation that owns it. */
  readonly ownerOrgId: string
  readonly distribution: Distribution
}

/** What the node knows that the distribution refers to. */
export interface AudienceFacts {
  /** This node. */
  readonly nodeId: string
  /** Every organisation of this node. */
  readonly nodeOrgIds: readonly string[]
  /** This node's centre organisation (null: it has none yet). */
  readonly centreOrgId: string | null
  /** The owner and the organisations taking part, by case id; a case not listed has none. */
  readonly caseParticipants: ReadonlyMap<string, readonly string[]>
  /** The member organisations, by sharing group id; a group not listed has none. */
  readonly groupMembers: ReadonlyMap<string, readonly string[]>
}

/**
 * The organisations of this node that may see an item: the one rule the live stream, the API and
 * the federation use. Fail-closed: an organisation is in only if the distribution names it (or, on
 * the origin node, owns the item); a case or group the facts do not know adds nobody, and only
 * organisations of this node are ever returned. Sorted, without duplicates.
 */
export function localAudience(item: SharedItem, facts: AudienceFacts): string[] {
  const local = new Set(facts.nodeOrgIds)
  const here = item.origin === facts.nodeId
  const out = new Set<string>()
  const add = (ids: readonly string[]) => {
    for (const id of ids) if (local.has(id)) out.add(id)
  }
  const centre = facts.centreOrgId === null ? [] : [facts.centreOrgId]
  if (here) add([item.ownerOrgId])
  const d = item.distribution
  switch (d.kind) {
    case 'organisation':
      break
    case 'national':
      if (here) add(facts.nodeOrgIds)
      break
    case 'case':
      add(facts.caseParticipants.get(d.caseId) ?? [])
      break
    case 'group':
      add(facts.groupMembers.get(d.groupId) ?? [])
      break
    case 'neighbours':
      // the origin's centre shares it; each named node's centre receives it
      if (here || d.nodes.includes(facts.nodeId)) add(centre)
      break
    case 'federation':
      add(centre)
      break
    default: {
      const never: never = d
      return never
    }
  }
  return [...out].sort()
}
