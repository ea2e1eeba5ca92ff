import type { DistributionKind } from '../../sharing/Distribution.ts'
import type { EventStatus } from '../../sharing/EventStatus.ts'
import type { Tlp } from '../../sharing/Tlp.ts'

/** An organisation of any node, as its node publishes it (issue 9, capability 1). */
export interface DirectoryOrganisation {
  readonly id: string
  /** The node it belongs to. */
  readonly nodeId: string
  readonly code: string
  readonly name: string
  /** A node's centre receives what is shared with its node (`neighbours`, `federation`). */
  readonly kind: 'centre' | 'partner'
  /** ISO 3166-1 alpha-2; a foreign node may be outside the Benelux. */
  readonly country: string
  /** BCP 47 tags of the languages it reads, first preferred. */
  readonly languages: readonly string[]
}

/**
 * What a peer node may receive from this node: an item of another status, TLP or distribution
 * kind does not go into its stream. This is the policy half of a configured peer; its URL and
 * keys live with the peers store.
 */
export interface PeerPolicy {
  readonly nodeId: string
  readonly statuses: readonly EventStatus[]
  readonly tlp: readonly Tlp[]
  readonly distributions: readonly DistributionKind[]
}

/** A sharing group: versioned, so every member agrees on who is in it. Members on any node. */
export interface DirectoryGroup {
  readonly id: string
  readonly version: number
  readonly memberOrgIds: readonly string[]
}

/** A case: the owner and the organisations taking part now, on any node. */
export interface DirectoryCase {
  readonly id: string
  readonly ownerOrgId: string
  readonly participantOrgIds: readonly string[]
}

/**
 * What this node knows of the federation that decides who sees an item: its own organisations
 * and the foreign ones its peers published, its peers and what each may receive, the sharing
 * groups and the cases. Anything not listed here adds nobody (fail-closed).
 */
export interface FederationDirectory {
  /** This node: the one whose streams the admission fills. */
  readonly nodeId: string
  readonly organisations: readonly DirectoryOrganisation[]
  readonly peers: readonly PeerPolicy[]
  readonly groups: readonly DirectoryGroup[]
  readonly cases: readonly DirectoryCase[]
}

/** A node's centre organisation in the directory; null when it has none (yet). */
export function centreOf(directory: FederationDirectory, nodeId: string): DirectoryOrganisation | null {
  return directory.organisations.find((o) => o.nodeId === nodeId && o.kind === 'centre') ?? null
}
