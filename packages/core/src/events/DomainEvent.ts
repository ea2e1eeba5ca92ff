import type { Organisation } from '../organisations/Organisation.ts'

/** What happened on a node, in the past tense. Everything downstream consumes these. */
export type DomainEventBody = { readonly kind: 'organisation.added'; readonly organisation: Organisation }

export type EventKind = DomainEventBody['kind']

export interface DomainEvent {
  readonly id: string
  readonly at: Date
  readonly kind: EventKind
  /** The id of the object the event is about. */
  readonly subject: string
  /** The organisation that owns the subject; it decides who may see the event. */
  readonly orgId: string | null
  readonly body: DomainEventBody
}

/** An event as stored: `seq` orders a node's events in commit order. */
export interface StoredEvent extends DomainEvent {
  readonly seq: number
}
