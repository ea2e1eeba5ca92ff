import { canonicalJson } from '../canonical/canonicalJson.ts'
import type { CapAlert, CapCertainty, CapSeverity, CapUrgency } from './CapAlert.ts'
import type { IssueException } from './alertLifecycle.ts'
import { parseCapReferences } from './validateCapAlert.ts'

const severityRank: Record<CapSeverity, number> = { Unknown: 0, Minor: 1, Moderate: 2, Severe: 3, Extreme: 4 }
const urgencyRank: Record<CapUrgency, number> = { Unknown: 0, Past: 1, Future: 2, Expected: 3, Immediate: 4 }
const certaintyRank: Record<CapCertainty, number> = {
  Unknown: 0,
  Unlikely: 1,
  Possible: 2,
  Likely: 3,
  Observed: 4,
}

/** Does `alert` reference `replaced` by its sender, identifier and sent time? */
export function referencesAlert(alert: CapAlert, replaced: CapAlert): boolean {
  const triples = alert.references === undefined ? undefined : parseCapReferences(alert.references)
  return (triples ?? []).some(
    (t) => t.sender === replaced.sender && t.identifier === replaced.identifier && t.sent === replaced.sent,
  )
}

/**
 * Does the Update `update` narrow or withdraw `replaced`? Same status and scope, no area it did
 * not have, no language it did not have, severity, urgency and certainty no higher, and no later
 * expiry. Texts may change: correcting them is what a correction is for.
 */
export function narrows(update: CapAlert, replaced: CapAlert): boolean {
  if (update.status !== replaced.status || update.scope !== replaced.scope) return false
  const areas = new Set(replaced.info.flatMap((i) => i.area.map((a) => canonicalJson(a))))
  const languages = new Set(replaced.info.map((i) => (i.language ?? 'en-US').toLowerCase()))
  const most = <T extends string>(values: readonly T[], rank: Record<T, number>) =>
    Math.max(-1, ...values.map((v) => rank[v]))
  const severity = most(
    replaced.info.map((i) => i.severity),
    severityRank,
  )
  const urgency = most(
    replaced.info.map((i) => i.urgency),
    urgencyRank,
  )
  const certainty = most(
    replaced.info.map((i) => i.certainty),
    certaintyRank,
  )
  const expiries = replaced.info.map((i) => (i.expires === undefined ? Infinity : Date.parse(i.expires)))
  const latest = Math.max(-Infinity, ...expiries)
  return update.info.every(
    (i) =>
      i.area.every((a) => areas.has(canonicalJson(a))) &&
      languages.has((i.language ?? 'en-US').toLowerCase()) &&
      severityRank[i.severity] <= severity &&
      urgencyRank[i.urgency] <= urgency &&
      certaintyRank[i.certainty] <= certainty &&
      (i.expires === undefined ? latest === Infinity : Date.parse(i.expires) <= latest),
  )
}

/**
 * The one exception (if any) under which one approver may issue `alert` alone (issue 10,
 * capability 4): a Cancel of the alert it references, an Update that references and narrows or
 * withdraws it, or an alert made from a pre-approved template and left as the template wrote it.
 */
export function issueExceptionFor(
  alert: CapAlert,
  context: {
    /** The issued alert this one replaces, for an Update or a Cancel. */
    readonly replaced: CapAlert | null
    /** The template it was made from: pre-approved, and unchanged but for its placeholders. */
    readonly template: { readonly preApproved: boolean; readonly intact: boolean } | null
  },
): IssueException | null {
  const { replaced, template } = context
  if (alert.msgType === 'Cancel')
    return replaced !== null && referencesAlert(alert, replaced) && alert.status === replaced.status
      ? 'cancel'
      : null
  if (alert.msgType === 'Update')
    return replaced !== null && referencesAlert(alert, replaced) && narrows(alert, replaced)
      ? 'narrowing'
      : null
  if (alert.msgType === 'Alert' && template !== null && template.preApproved && template.intact)
    return 'template'
  return null
}
