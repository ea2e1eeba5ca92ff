import type { MultiPolygonCoordinates } from '../geometry/combineAreas.ts'
import type { CapCategory, CapCertainty, CapSeverity, CapUrgency } from './CapAlert.ts'
import type { IssuableStatus } from './alertLifecycle.ts'

/** How an alert's area meets a neighbour: it reaches into its country, or comes near its border. */
export const alertProposalRelations = ['crosses', 'near'] as const
export type AlertProposalRelation = (typeof alertProposalRelations)[number]

/** Where a proposal stands, as both centres keep it (decision 042). */
export const alertProposalStates = ['proposed', 'adopted', 'declined', 'noted'] as const
export type AlertProposalState = (typeof alertProposalStates)[number]

/** What the receiving centre answers. */
export const alertProposalAnswers = ['adopt', 'decline', 'note'] as const
export type AlertProposalAnswerKind = (typeof alertProposalAnswers)[number]

/** One language of the proposed alert: the texts and codes of its CAP info block, without areas. */
export interface AlertProposalInfo {
  readonly language: string
  readonly category: readonly CapCategory[]
  readonly event: string
  readonly urgency: CapUrgency
  readonly severity: CapSeverity
  readonly certainty: CapCertainty
  readonly headline: string | null
  readonly description: string | null
  readonly instruction: string | null
  readonly onset: string | null
  readonly expires: string | null
}

/**
 * An alert proposed to a neighbouring centre (issue 10, capability 9): the part of its area on the
 * neighbour's side, the texts and languages, the codes, and who sent it. It travels in an event of
 * the sending node whose distribution names the neighbour's node only. Times are ISO 8601 text, as
 * sent.
 */
export interface AlertProposal {
  /** The proposal's id on its origin. */
  readonly id: string
  /** The sending node. */
  readonly origin: string
  /** The organisation that wrote the alert there. */
  readonly senderOrgId: string
  /** The original alert: its id on the origin and its CAP identifier and sender. */
  readonly alertId: string
  readonly identifier: string
  readonly sender: string
  /** The neighbour's node and country. */
  readonly toNode: string
  readonly toCountry: string
  readonly status: IssuableStatus
  /** The alert's state when it was proposed: submitted for approval, or issued. */
  readonly alertState: 'submitted' | 'issued'
  readonly relation: AlertProposalRelation
  /** The distance to the border in km (0 when the area crosses it). */
  readonly km: number
  /** The area's descriptions in the original alert. */
  readonly areaDesc: string
  /** On the neighbour's side of the border when it crosses; the whole area when it comes near. */
  readonly area: MultiPolygonCoordinates
  readonly info: readonly AlertProposalInfo[]
  readonly proposedAt: string
}

/** The receiving centre's answer, sent back to the origin (decision 042). */
export interface AlertProposalAnswer {
  readonly proposalId: string
  /** The node that proposed it. */
  readonly origin: string
  /** The node that answers. */
  readonly node: string
  readonly state: Exclude<AlertProposalState, 'proposed'>
  readonly reason: string | null
  readonly orgId: string
  readonly byName: string
  readonly at: string
}
