/**
 * Who may see an item (../shared/ARCHITECTURE.md, "Federation"). Every event has one; there is no
 * default, so nothing is visible unless its writer said who may see it.
 */
export type Distribution =
  /** The owning organisation only; never leaves the node. */
  | { readonly kind: 'organisation' }
  /** The organisations taking part in the case, on any node. */
  | { readonly kind: 'case'; readonly caseId: string }
  /** Every organisation of the origin node; never leaves the node. */
  | { readonly kind: 'national' }
  /** The centre organisation of each named node. */
  | { readonly kind: 'neighbours'; readonly nodes: readonly string[] }
  /** The centre organisation of every peer node. */
  | { readonly kind: 'federation' }
  /** The member organisations of a sharing group, on any node. */
  | { readonly kind: 'group'; readonly groupId: string }

export type DistributionKind = Distribution['kind']

export const distributionKinds = [
  'organisation',
  'case',
  'national',
  'neighbours',
  'federation',
  'group',
] as const satisfies readonly DistributionKind[]

/**
 * Events that must never leave the node (identity, roster, handover, rate limits) say so by their
 * distribution: `organisation` or `national`.
 */
export function staysOnNode(distribution: Distribution): boolean {
  return distribution.kind === 'organisation' || distribution.kind === 'national'
}

/** Why a value read from storage or the wire is not a distribution; null when it is one. */
export function distributionProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object'
  const kind = (value as { kind?: unknown }).kind
  switch (kind) {
    case 'organisation':
    case 'national':
    case 'federation':
      return null
    case 'case': {
      const caseId = (value as { caseId?: unknown }).caseId
      return typeof caseId === 'string' && caseId.length > 0 ? null : 'case: needs a caseId'
    }
    case 'group': {
      const groupId = (value as { groupId?: unknown }).groupId
      return typeof groupId === 'string' && groupId.length > 0 ? null : 'group: needs a groupId'
    }
    case 'neighbours': {
      const nodes = (value as { nodes?: unknown }).nodes
      return Array.isArray(nodes) &&
        nodes.length > 0 &&
        nodes.every((n) => typeof n === 'string' && n.length > 0)
        ? null
        : 'neighbours: needs one or more node ids'
    }
    default:
      return `kind: must be one of ${distributionKinds.join(', ')}`
  }
}
