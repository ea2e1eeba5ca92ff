import type { EventKind, StoredEvent } from '@liaison/core'
import { eventVisibleTo, isUuid } from '@liaison/core'

export type NotificationKind =
  'task-assigned' | 'case-joined' | 'sitrep-approved' | 'case-closed' | 'incoming-item'

/** Who is told: one user, or every member of an organisation. */
export type NotificationRecipient =
  { readonly kind: 'user'; readonly id: string } | { readonly kind: 'organisation'; readonly id: string }

/** A notification as the `notifications` processor stores it, once per recipient. */
export interface NotificationRecord {
  readonly seq: number
  readonly at: Date
  readonly kind: NotificationKind
  readonly caseId: string
  readonly title: string
  /** Who caused it, and is not told of it. */
  readonly byUserId: string | null
  readonly recipients: readonly NotificationRecipient[]
}

/** The kinds of event `notificationOf` may turn into a notification. */
export const notifiableKinds = [
  'task.created',
  'case.opened',
  'case.updated',
  'sitrep.approved',
  'incoming.received',
] as const satisfies readonly EventKind[]

/**
 * What an event tells whom: a task given to a user or to an organisation (not to the one who
 * created it), a case an organisation was brought into (its participants), a report approved or a
 * case closed (every organisation that may see the event). `organisations` are the node's
 * organisations, for the last two. An organisation is told only of what it may see: visibility
 * is asked in one place, `sees`.
 */
export function notificationOf(
  event: StoredEvent,
  organisations: readonly string[],
): NotificationRecord | null {
  const sees = (orgId: string) => eventVisibleTo(event, orgId)
  const base = { seq: event.seq, at: event.at, byUserId: null }
  const toOrganisations = (ids: readonly string[]): NotificationRecipient[] =>
    [...new Set(ids)].filter(sees).map((id) => ({ kind: 'organisation', id }))
  const made = (record: NotificationRecord): NotificationRecord | null =>
    record.recipients.length > 0 ? record : null
  const body = event.body
  switch (body.kind) {
    case 'task.created': {
      const { task } = body
      if (!sees(task.assigneeOrgId)) return null
      return made({
        ...base,
        kind: 'task-assigned',
        caseId: task.caseId,
        title: task.title,
        byUserId: task.createdBy,
        recipients:
          task.assigneeUserId === null
            ? [{ kind: 'organisation', id: task.assigneeOrgId }]
            : task.assigneeUserId === task.createdBy
              ? []
              : [{ kind: 'user', id: task.assigneeUserId }],
      })
    }
    case 'case.opened':
      return made({
        ...base,
        kind: 'case-joined',
        caseId: body.case.id,
        title: body.case.title,
        recipients: toOrganisations(body.case.participants),
      })
    case 'case.updated':
      if (body.changed.includes('participants'))
        return made({
          ...base,
          kind: 'case-joined',
          caseId: body.case.id,
          title: body.case.title,
          recipients: toOrganisations(body.case.participants),
        })
      if (body.changed.includes('state') && body.case.state === 'closed')
        return made({
          ...base,
          kind: 'case-closed',
          caseId: body.case.id,
          title: body.case.title,
          recipients: toOrganisations(organisations),
        })
      return null
    case 'sitrep.approved':
      return made({
        ...base,
        kind: 'sitrep-approved',
        caseId: body.sitrep.caseId,
        title: `#${body.sitrep.number}`,
        recipients: toOrganisations(organisations),
      })
    case 'incoming.received': {
      // new items from a partner centre, for the organisation that now sees them
      const [first] = body.items
      if (!first) return null
      // a notification names a case of this node's kind (a UUID); a partner's id of another
      // shape is a received item all the same, and its notice goes without a case to open
      const caseId = [first.caseId, first.id].find((id): id is string => id !== null && isUuid(id))
      if (caseId === undefined) return null
      const more = body.items.length - 1
      return made({
        ...base,
        kind: 'incoming-item',
        caseId,
        title: `${first.origin.toUpperCase()}: ${first.title}${more > 0 ? ` (+${more})` : ''}`,
        recipients: toOrganisations([event.orgId]),
      })
    }
    case 'organisation.added':
    case 'log-entry.appended':
    case 'task.updated':
    case 'decision.recorded':
    case 'sitrep.drafted':
    case 'sitrep.revised':
    case 'handover.prepared':
    case 'handover.signed-off':
    case 'roster.changed':
    case 'map-feature.saved':
    case 'map-feature.removed':
    case 'attachment.added':
    case 'plan.saved':
    case 'receipt.recorded':
    case 'node.key-rotated':
    case 'node.organisations-published':
    case 'page.paged':
    case 'page.acknowledged':
    case 'alert.drafted':
    case 'alert.edited':
    case 'alert.submitted':
    case 'alert.returned':
    case 'alert.approved':
    case 'alert.issued':
    case 'alert.updated':
    case 'alert.cancelled':
    case 'alert.expired':
    case 'alert-proposal.sent':
    case 'alert-proposal.answered':
      return null
    default: {
      const exhaustive: never = body
      return exhaustive
    }
  }
}
