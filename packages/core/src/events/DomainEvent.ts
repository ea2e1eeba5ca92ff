import type { Alert } from '../alerts/Alert.ts'
import type { AlertProposal, AlertProposalAnswer } from '../alerts/AlertProposal.ts'
import type { Case } from '../cases/Case.ts'
import type { IncomingNotice, ItemReceipt } from '../federation/apply/ItemReceipt.ts'
import type { SignedKeyAnnouncement } from '../federation/keys/keyAnnouncement.ts'
import type { PublishedOrganisation } from '../federation/keys/nodeItems.ts'
import type { LogEntry } from '../cases/LogEntry.ts'
import type { Decision, Task } from '../cases/Task.ts'
import type { Sitrep } from '../cases/Sitrep.ts'
import type { MapFeature } from '../geometry/geometry.ts'
import type { Organisation } from '../organisations/Organisation.ts'
import type { Distribution } from '../sharing/Distribution.ts'
import type { EventStatus } from '../sharing/EventStatus.ts'
import type { Tlp } from '../sharing/Tlp.ts'

/** What happened on a node, in the past tense. Everything downstream consumes these. */
export type DomainEventBody =
  | { readonly kind: 'organisation.added'; readonly organisation: Organisation }
  | { readonly kind: 'case.opened'; readonly case: Case }
  | { readonly kind: 'case.updated'; readonly case: Case; readonly changed: readonly string[] }
  | { readonly kind: 'log-entry.appended'; readonly entry: LogEntry }
  | { readonly kind: 'task.created'; readonly task: Task }
  | { readonly kind: 'task.updated'; readonly task: Task; readonly changed: readonly string[] }
  | { readonly kind: 'decision.recorded'; readonly decision: Decision }
  | { readonly kind: 'sitrep.drafted'; readonly sitrep: Sitrep }
  | { readonly kind: 'sitrep.revised'; readonly sitrep: Sitrep }
  | { readonly kind: 'sitrep.approved'; readonly sitrep: Sitrep }
  | { readonly kind: 'handover.prepared'; readonly handoverId: string; readonly outgoingUserId: string }
  | { readonly kind: 'handover.signed-off'; readonly handoverId: string; readonly signedOffBy: string }
  | { readonly kind: 'roster.changed'; readonly orgId: string }
  | { readonly kind: 'map-feature.saved'; readonly feature: MapFeature }
  | { readonly kind: 'map-feature.removed'; readonly featureId: string; readonly caseId: string }
  | { readonly kind: 'plan.saved'; readonly planId: string }
  /** Receipts for items of another node, sent to their origin only (decision 035). */
  | { readonly kind: 'receipt.recorded'; readonly receipts: readonly ItemReceipt[] }
  /** This node's new signing key, announced to every peer signed by the previous one (decision 045). */
  | { readonly kind: 'node.key-rotated'; readonly announcement: SignedKeyAnnouncement }
  /** This node's organisations as they now are, for every peer (decision 045). */
  | {
      readonly kind: 'node.organisations-published'
      readonly organisations: readonly PublishedOrganisation[]
    }
  /** New items from partners that an organisation of this node sees; stays on the node (decision 035). */
  | { readonly kind: 'incoming.received'; readonly items: readonly IncomingNotice[] }
  | { readonly kind: AlertEventKind; readonly alert: Alert }
  /** An alert proposed to a neighbouring centre, sent to its node only (decision 042). */
  | { readonly kind: 'alert-proposal.sent'; readonly proposal: AlertProposal }
  /** A centre's answer to a proposal, sent back to its origin only (decision 042). */
  | { readonly kind: 'alert-proposal.answered'; readonly answer: AlertProposalAnswer }
  /** A page's step (decision 044): someone paged (`userId`), or nobody left (`userId` null); stays on the node. */
  | {
      readonly kind: 'page.paged'
      readonly pageId: string
      readonly caseId: string | null
      readonly step: number
      readonly userId: string | null
      /** When the next step is due (ISO 8601); null once nobody is left. */
      readonly escalatesAt: string | null
    }
  | {
      readonly kind: 'page.acknowledged'
      readonly pageId: string
      readonly caseId: string | null
      readonly userId: string
      readonly via: 'sms' | 'link'
    }
  | {
      readonly kind: 'attachment.added'
      readonly attachment: {
        readonly id: string
        readonly logEntryId: string
        readonly caseId: string | null
        readonly fileName: string
        readonly contentType: string
        readonly size: number
        readonly sha256: string
        readonly createdAt: Date
      }
    }

/** The steps of an alert's life, each an event carrying the alert as it is after the step (decision 029). */
export const alertEventKinds = [
  'alert.drafted',
  'alert.edited',
  'alert.submitted',
  'alert.returned',
  'alert.approved',
  'alert.issued',
  'alert.updated',
  'alert.cancelled',
  'alert.expired',
] as const
export type AlertEventKind = (typeof alertEventKinds)[number]

export type EventKind = DomainEventBody['kind']

/** The envelope's shape as this code writes it; stored rows say which shape they were written in. */
export const eventSchemaVersion = 2

/** What an action says about an event it emits: the runtime fills in the rest of the envelope. */
export interface EventDraft {
  readonly body: DomainEventBody
  /** The id of the object the event is about. */
  readonly subject: string
  /** The organisation that owns the subject (the event's owner). */
  readonly orgId: string
  /** Who may see it; required, there is no default (fail-closed). */
  readonly distribution: Distribution
  /** How a reader may pass it on; AMBER (need to know) unless said. */
  readonly tlp?: Tlp
  /** Actual unless said (a case's events carry the case's status). */
  readonly status?: EventStatus
}

export interface DomainEvent {
  readonly id: string
  readonly at: Date
  readonly kind: EventKind
  /** The id of the object the event is about. */
  readonly subject: string
  /** The node that wrote the event. */
  readonly origin: string
  /** The organisation that owns the subject: the event's owner. */
  readonly orgId: string
  readonly status: EventStatus
  /** Who may see it: the truth, from which the audience is derived. */
  readonly distribution: Distribution
  readonly tlp: Tlp
  /** The envelope's shape (eventSchemaVersion when written by this code). */
  readonly schemaVersion: number
  /**
   * The organisations of this node that may see the event: `localAudience` of its distribution,
   * derived when it was written and kept with it (decision 014); never null, possibly empty.
   */
  readonly audience: readonly string[]
  readonly body: DomainEventBody
}

/** An event as stored: `seq` orders a node's events in commit order. */
export interface StoredEvent extends DomainEvent {
  readonly seq: number
}

/** May a reader of this organisation see this event? Only if its derived audience names it. */
export function eventVisibleTo(event: Pick<DomainEvent, 'audience'>, orgId: string): boolean {
  return event.audience.includes(orgId)
}
