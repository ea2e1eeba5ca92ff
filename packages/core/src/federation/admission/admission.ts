import type { Distribution } from '../../sharing/Distribution.ts'
import type { EventStatus } from '../../sharing/EventStatus.ts'
import type { Tlp } from '../../sharing/Tlp.ts'
import { sharingRefusal } from '../../sharing/Tlp.ts'
import type { AdmissionReason } from './admissionReasons.ts'
import { admits } from './admissionReasons.ts'
import type { DirectoryOrganisation, FederationDirectory } from './FederationDirectory.ts'
import { centreOf } from './FederationDirectory.ts'

/**
 * A receiving organisation passing an item of another node on to its own partners: an explicit,
 * audited share of its own, with its own distribution. Without one, nothing received goes on.
 */
export interface ExplicitShare {
  /** The organisation of this node that shares it; it must itself see the item. */
  readonly byOrgId: string
  readonly distribution: Distribution
}

/** What an item (or a draft of one) says about itself that decides who sees it. */
export interface AdmissionItem {
  /** The node that wrote it. */
  readonly origin: string
  /** The organisation that owns it, on the origin node. */
  readonly ownerOrgId: string
  readonly distribution: Distribution
  readonly tlp: Tlp
  readonly status: EventStatus
  /** Only for an item received from another node. */
  readonly share?: ExplicitShare | null
}

/** For one organisation of the directory: does it see the item, and the rule that decides. */
export interface OrganisationAdmission {
  readonly orgId: string
  readonly nodeId: string
  readonly sees: boolean
  readonly reason: AdmissionReason
  /** Whether the item's own distribution decided, or the explicit share of this node. */
  readonly through: 'item' | 'share'
}

/** For one peer: does this node put the item into its stream, why, and for which organisations. */
export interface PeerAdmission {
  readonly nodeId: string
  readonly receives: boolean
  readonly reason: AdmissionReason
  /** The organisations of that node it is sent for, sorted. */
  readonly organisationIds: readonly string[]
}

export interface Admission {
  /** Every organisation of the directory, by node then id. */
  readonly organisations: readonly OrganisationAdmission[]
  /** Every peer of this node, by node id. */
  readonly peers: readonly PeerAdmission[]
}

interface Sharing {
  readonly origin: string
  readonly ownerOrgId: string
  readonly distribution: Distribution
  readonly tlp: Tlp
}

/** The distribution's own rule for one organisation, whoever sends it. */
function distributionRule(s: Sharing, org: DirectoryOrganisation, dir: FederationDirectory): AdmissionReason {
  if (org.id === s.ownerOrgId && org.nodeId === s.origin) return 'owner'
  if (sharingRefusal(s.distribution, s.tlp) !== null) return 'red_named_only'
  const d = s.distribution
  const isCentre = centreOf(dir, org.nodeId)?.id === org.id
  switch (d.kind) {
    case 'organisation':
      return 'organisation_only'
    case 'national':
      return org.nodeId === s.origin ? 'national' : 'stays_on_node'
    case 'case': {
      const c = dir.cases.find((x) => x.id === d.caseId)
      const members = c ? [c.ownerOrgId, ...c.participantOrgIds] : []
      return members.includes(org.id) ? 'case_participant' : 'not_case_participant'
    }
    case 'group': {
      const g = dir.groups.find((x) => x.id === d.groupId)
      return g?.memberOrgIds.includes(org.id) ? 'group_member' : 'not_group_member'
    }
    case 'neighbours': {
      const named = d.nodes.includes(org.nodeId)
      if (org.nodeId === s.origin) return isCentre ? 'origin_centre' : 'centre_only'
      if (!named) return 'not_named_neighbour'
      return isCentre ? 'neighbour_centre' : 'centre_only'
    }
    case 'federation':
      if (!isCentre) return 'centre_only'
      return org.nodeId === s.origin ? 'origin_centre' : 'federation_centre'
    default: {
      const never: never = d
      return never
    }
  }
}

/** May this node send an item of this status, TLP and distribution to that node? null: yes. */
function peerRule(
  dir: FederationDirectory,
  nodeId: string,
  item: { readonly status: EventStatus; readonly tlp: Tlp; readonly distribution: Distribution },
): AdmissionReason | null {
  const peer = dir.peers.find((p) => p.nodeId === nodeId)
  if (!peer) return 'not_a_peer'
  if (!peer.statuses.includes(item.status)) return 'status_not_received'
  if (!peer.tlp.includes(item.tlp) || !peer.distributions.includes(item.distribution.kind))
    return 'peer_not_allowed'
  return null
}

/**
 * Who sees an item, seen from this node (`directory.nodeId`), and which of its peers' streams it
 * goes into: the one rule the per-peer streams and `explain` use, agreeing with `localAudience` for
 * this node's organisations. Pure and fail-closed: an organisation, case, group or peer the
 * directory does not know admits nobody.
 *
 * - The item's distribution decides for every organisation (the table in ARCHITECTURE.md,
 *   "Federation"); TLP:RED with a distribution that names no organisation reaches the owner only.
 * - When this node is the origin, an organisation of another node sees it only if that node is a
 *   peer that may receive its status, TLP and distribution kind.
 * - An item received from another node goes into no peer's stream (no item hops on by itself)
 *   unless an organisation of this node that sees it shares it explicitly; the share's
 *   distribution then admits more, except that TLP:RED is never passed on and AMBER+STRICT stays
 *   in the receiving organisation. A share by an organisation that does not see the item is
 *   ignored.
 */
export function admission(item: AdmissionItem, dir: FederationDirectory): Admission {
  const here = dir.nodeId
  const fromHere = item.origin === here
  const orgs = [...dir.organisations].sort((a, b) =>
    a.nodeId === b.nodeId ? compare(a.id, b.id) : compare(a.nodeId, b.nodeId),
  )

  const byItem = (org: DirectoryOrganisation): AdmissionReason => {
    const reason = distributionRule(item, org, dir)
    if (!admits(reason) || !fromHere || org.nodeId === here) return reason
    return peerRule(dir, org.nodeId, item) ?? reason
  }
  const base = new Map(orgs.map((o) => [o.id, byItem(o)]))

  const share = validShare(item, dir, base)
  const shared: Sharing | null = share && {
    origin: here,
    ownerOrgId: share.byOrgId,
    distribution: share.distribution,
    tlp: item.tlp,
  }
  const byShare = (org: DirectoryOrganisation, s: Sharing): AdmissionReason => {
    const reason = distributionRule(s, org, dir)
    if (!admits(reason)) return reason
    if (item.tlp === 'RED') return 'red_not_passed_on'
    if (item.tlp === 'AMBER+STRICT' && org.id !== s.ownerOrgId) return 'amber_strict_stays'
    if (org.nodeId === here) return reason
    return peerRule(dir, org.nodeId, { ...item, distribution: s.distribution }) ?? reason
  }

  const organisations = orgs.map((org): OrganisationAdmission => {
    const reason = base.get(org.id) ?? 'not_a_peer'
    if (admits(reason) || !shared)
      return { orgId: org.id, nodeId: org.nodeId, sees: admits(reason), reason, through: 'item' }
    const viaShare = byShare(org, shared)
    // the share's refusal says more only when its distribution named the organisation
    const refusedByItsTlp = viaShare === 'red_not_passed_on' || viaShare === 'amber_strict_stays'
    if (admits(viaShare) || refusedByItsTlp)
      return { orgId: org.id, nodeId: org.nodeId, sees: admits(viaShare), reason: viaShare, through: 'share' }
    return { orgId: org.id, nodeId: org.nodeId, sees: false, reason, through: 'item' }
  })

  const peers = [...dir.peers]
    .sort((a, b) => compare(a.nodeId, b.nodeId))
    .map((peer): PeerAdmission => {
      const refuse = (reason: AdmissionReason): PeerAdmission => ({
        nodeId: peer.nodeId,
        receives: false,
        reason,
        organisationIds: [],
      })
      if (!fromHere && !shared) return refuse('no_hop')
      const distribution = fromHere ? item.distribution : (shared?.distribution ?? item.distribution)
      if (distribution.kind === 'organisation') return refuse('organisation_only')
      if (distribution.kind === 'national') return refuse('stays_on_node')
      if (sharingRefusal(distribution, item.tlp) !== null) return refuse('red_named_only')
      if (!fromHere && item.tlp === 'RED') return refuse('red_not_passed_on')
      const policy = peerRule(dir, peer.nodeId, { ...item, distribution })
      if (policy) return refuse(policy)
      const through = fromHere ? 'item' : 'share'
      const organisationIds = organisations
        .filter((o) => o.nodeId === peer.nodeId && o.sees && o.through === through)
        .map((o) => o.orgId)
      if (organisationIds.length === 0)
        return refuse(!fromHere && item.tlp === 'AMBER+STRICT' ? 'amber_strict_stays' : 'nobody_there')
      return { nodeId: peer.nodeId, receives: true, reason: 'peer_receives', organisationIds }
    })

  return { organisations, peers }
}

/** The share, if the item came from elsewhere and an organisation of this node that sees it made it. */
function validShare(
  item: AdmissionItem,
  dir: FederationDirectory,
  base: ReadonlyMap<string, AdmissionReason>,
): ExplicitShare | null {
  const share = item.share
  if (!share || item.origin === dir.nodeId) return null
  const by = dir.organisations.find((o) => o.id === share.byOrgId)
  if (!by || by.nodeId !== dir.nodeId) return null
  const reason = base.get(by.id)
  return reason !== undefined && admits(reason) ? share : null
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
