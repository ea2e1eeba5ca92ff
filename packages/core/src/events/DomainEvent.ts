import type { Case } from '../cases/Case.ts'
import type { LogEntry } from '../cases/LogEntry.ts'
import type { Decision, Task } from '../cases/Task.ts'
import type { Sitrep } from '../cases/Sitrep.ts'
import type { MapFeature } from '../geometry/geometry.ts'
import type { Organisation } from '../organisations/Organisation.ts'

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

export type EventKind = DomainEventBody['kind']

export interface DomainEvent {
  readonly id: string
  readonly at: Date
  readonly kind: EventKind
  /** The id of the object the event is about. */
  readonly subject: string
  /** The organisation that owns the subject. */
  readonly orgId: string | null
  /** The organisations that may see the event; null: everyone who may read on this node. */
  readonly audience: readonly string[] | null
  readonly body: DomainEventBody
}

/** An event as stored: `seq` orders a node's events in commit order. */
export interface StoredEvent extends DomainEvent {
  readonly seq: number
}

/** May a reader of this organisation see this event? */
export function eventVisibleTo(event: Pick<DomainEvent, 'audience'>, orgId: string): boolean {
  return event.audience === null || event.audience.includes(orgId)
}
