import type { DomainEventBody, EventKind } from './DomainEvent.ts'

/** Which fields of an object in a body are times (`Date`) and which are reported times. */
interface TimeFields {
  readonly dates: readonly string[]
  readonly reported?: readonly string[]
}

const caseTimes: TimeFields = { dates: ['startsAt', 'endsAt', 'createdAt', 'updatedAt'] }
const taskTimes: TimeFields = { dates: ['dueAt', 'createdAt', 'updatedAt'] }
const sitrepTimes: TimeFields = {
  dates: ['periodFrom', 'periodTo', 'nextUpdateAt', 'approvedAt', 'createdAt', 'updatedAt'],
}

const alertTimes: TimeFields = {
  dates: ['submittedAt', 'approvedAt', 'issueAt', 'issuedAt', 'createdAt', 'updatedAt'],
}

/** For each kind, the objects of its body (by field name) that hold times. */
const timesByKind: { readonly [K in EventKind]: Readonly<Record<string, TimeFields>> } = {
  'organisation.added': { organisation: { dates: ['createdAt'] } },
  'case.opened': { case: caseTimes },
  'case.updated': { case: caseTimes },
  'log-entry.appended': { entry: { dates: ['occurredAt', 'recordedAt'], reported: ['occurred'] } },
  'task.created': { task: taskTimes },
  'task.updated': { task: taskTimes },
  'decision.recorded': { decision: { dates: ['decidedAt', 'recordedAt'] } },
  'sitrep.drafted': { sitrep: sitrepTimes },
  'sitrep.revised': { sitrep: sitrepTimes },
  'sitrep.approved': { sitrep: sitrepTimes },
  'handover.prepared': {},
  'handover.signed-off': {},
  'roster.changed': {},
  'map-feature.saved': { feature: { dates: ['updatedAt'] } },
  'map-feature.removed': {},
  'plan.saved': {},
  // a receipt's time stays text, as it was sent
  'receipt.recorded': {},
  'incoming.received': {},
  // an announcement's time stays text: it is signed as it is
  'node.key-rotated': {},
  'node.organisations-published': {},
  // a page's next step stays text, as the paging worker reads it
  'page.paged': {},
  'page.acknowledged': {},
  'attachment.added': { attachment: { dates: ['createdAt'] } },
  'alert.drafted': { alert: alertTimes },
  'alert.edited': { alert: alertTimes },
  'alert.submitted': { alert: alertTimes },
  'alert.returned': { alert: alertTimes },
  'alert.approved': { alert: alertTimes },
  'alert.issued': { alert: alertTimes },
  'alert.updated': { alert: alertTimes },
  'alert.cancelled': { alert: alertTimes },
  'alert.expired': { alert: alertTimes },
  // a proposal's and an answer's times stay text, as they were sent
  'alert-proposal.sent': {},
  'alert-proposal.answered': {},
}

/**
 * An event body as read back from JSON (JSONB keeps times as ISO strings), with its times as
 * `Date` again. The kind says which fields are times, so a text that merely looks like a time
 * stays text. What is not where the kind says (an older shape) is left as it is.
 */
export function reviveEventBody(kind: EventKind, json: unknown): DomainEventBody {
  if (typeof json !== 'object' || json === null) return json as DomainEventBody
  const body: Record<string, unknown> = { ...(json as Record<string, unknown>) }
  for (const [holder, fields] of Object.entries(timesByKind[kind])) {
    const inner = body[holder]
    if (typeof inner !== 'object' || inner === null) continue
    const copy: Record<string, unknown> = { ...(inner as Record<string, unknown>) }
    for (const field of fields.dates) copy[field] = reviveDate(copy[field])
    for (const field of fields.reported ?? []) copy[field] = reviveReported(copy[field])
    body[holder] = copy
  }
  return body as unknown as DomainEventBody
}

function reviveDate(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const at = new Date(value)
  return Number.isNaN(at.getTime()) ? value : at
}

/** A reported time (decision 015): its instant and, for a range, its end. */
function reviveReported(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  copy.at = reviveDate(copy.at)
  if ('until' in copy) copy.until = reviveDate(copy.until)
  return copy
}
