import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { CapMsgType, CapStatus } from './CapAlert.ts'

/**
 * Where an alert is in its life (decision 029):
 * - `draft`: being written; `returned`: sent back by an approver with a reason, edited back to a draft;
 * - `submitted`: one version handed to a second person for approval;
 * - `approved`: approved and waiting for the time it is to be issued at (an approver may still send
 *   it back, which withdraws it);
 * - `issued`: out; then `updated` (an Update replaced it), `cancelled` (a Cancel withdrew it) or
 *   `expired` (its time ran out). Those three are final.
 */
export const alertStates = [
  'draft',
  'returned',
  'submitted',
  'approved',
  'issued',
  'updated',
  'cancelled',
  'expired',
] as const
export type AlertState = (typeof alertStates)[number]

/** The statuses an alert may be issued with, chosen explicitly by its author (no default). */
export const issuableStatuses = ['Actual', 'Exercise', 'Test'] as const satisfies readonly CapStatus[]
export type IssuableStatus = (typeof issuableStatuses)[number]

/**
 * The only ways one person may issue an alert (issue 10, capability 4), each recorded on the
 * alert and in the audit: a pre-approved template, a Cancel, and a correction (an Update) that
 * narrows or withdraws what it replaces.
 */
export const issueExceptions = ['template', 'cancel', 'narrowing'] as const
export type IssueException = (typeof issueExceptions)[number]

/** The part of an alert its lifecycle rules look at. */
export interface AlertLifecycle {
  readonly state: AlertState
  /** Counts the saves; a step names the version it was taken on. */
  readonly version: number
  readonly status: CapStatus
  readonly msgType: CapMsgType
  readonly authorId: string
  /** Everyone who saved a version of the alert, its author first: none of them approves it. */
  readonly editorIds: readonly string[]
  readonly submittedBy: string | null
  readonly submittedVersion: number | null
  readonly approvedBy: string | null
  /** Set when one person issued it through a named exception. */
  readonly issuedAlone: IssueException | null
  /** When the approved alert is to be issued; null for at once. */
  readonly issueAt: Date | null
  readonly returnedReason: string | null
  /** The one exception the alert's content qualifies for, as `issueExceptionFor` found it. */
  readonly exception: IssueException | null
}

/** Who takes a step, with the permissions that matter here. */
export interface AlertActor {
  readonly userId: string
  /** alerts.draft */
  readonly mayDraft: boolean
  /** alerts.approve */
  readonly mayApprove: boolean
}

/**
 * A step: the person's (`edit`, `submit`, `approve`, `return`, `issueAlone`) and the node's
 * (`issueDue` at the scheduled time, `supersede` and `cancel` when an Update or a Cancel
 * referencing it is issued, `expire`).
 */
export type AlertStep =
  | {
      readonly kind: 'edit'
      readonly version: number
      /** The exception the edited content qualifies for (`issueExceptionFor`). */
      readonly exception: IssueException | null
    }
  | { readonly kind: 'submit'; readonly version: number }
  | { readonly kind: 'approve'; readonly version: number; readonly issueAt: Date | null; readonly now: Date }
  | { readonly kind: 'return'; readonly version: number; readonly reason: string }
  | {
      readonly kind: 'issueAlone'
      readonly version: number
      readonly exception: IssueException
    }
  | { readonly kind: 'issueDue'; readonly now: Date }
  | { readonly kind: 'supersede' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'expire' }

export type AlertStepKind = AlertStep['kind']

/**
 * Why a step is refused:
 * - `alert_invalid_transition`: the lifecycle has no such step from the alert's state;
 * - `alert_not_submitted`: approving or returning an alert that is not submitted;
 * - `alert_stale_version`: the step names a version other than the current (or submitted) one;
 * - `alert_same_person`: the approver wrote or edited the alert;
 * - `alert_not_permitted`: the person lacks alerts.draft or alerts.approve for this step;
 * - `alert_no_exception`: issuing alone an alert that is not a Cancel, a narrowing correction or
 *   a pre-approved template (or not the exception claimed);
 * - `alert_status_not_chosen`: issuing with a status other than Actual, Exercise or Test;
 * - `alert_reason_missing`: sending back without a reason;
 * - `alert_not_due`: issuing a scheduled alert before its time.
 */
export type AlertRefusal =
  | 'alert_invalid_transition'
  | 'alert_not_submitted'
  | 'alert_stale_version'
  | 'alert_same_person'
  | 'alert_not_permitted'
  | 'alert_no_exception'
  | 'alert_status_not_chosen'
  | 'alert_reason_missing'
  | 'alert_not_due'

/** The steps a person takes; the others are the node's own. */
export const personSteps = ['edit', 'submit', 'approve', 'return', 'issueAlone'] as const

/** The steps each state allows; anything else is `alert_invalid_transition`. */
export const alertSteps = {
  draft: ['edit', 'submit', 'issueAlone'],
  returned: ['edit'],
  submitted: ['approve', 'return'],
  approved: ['issueDue', 'return'],
  issued: ['supersede', 'cancel', 'expire'],
  updated: [],
  cancelled: [],
  expired: [],
} as const satisfies Record<AlertState, readonly AlertStepKind[]>

export function isIssuableStatus(status: CapStatus): status is IssuableStatus {
  return (issuableStatuses as readonly CapStatus[]).includes(status)
}

/** Has this person written or edited the alert (and so may not be its second pair of eyes)? */
export function hasWorkedOn(alert: Pick<AlertLifecycle, 'authorId' | 'editorIds'>, userId: string): boolean {
  return alert.authorId === userId || alert.editorIds.includes(userId)
}

/**
 * Takes one step of an alert's lifecycle, or says why not. `by` is the person for a person's step
 * and null for the node's own (`issueDue`, `supersede`, `cancel`, `expire`); the wrong one is
 * `alert_not_permitted`.
 */
export function applyAlertStep(
  alert: AlertLifecycle,
  step: AlertStep,
  by: AlertActor | null,
): Result<AlertLifecycle, AlertRefusal> {
  const allowed: readonly AlertStepKind[] = alertSteps[alert.state]
  const needsPerson = (personSteps as readonly AlertStepKind[]).includes(step.kind)
  if (needsPerson !== (by !== null)) return err('alert_not_permitted')
  if (!allowed.includes(step.kind)) {
    return (step.kind === 'approve' || step.kind === 'return') && alert.state !== 'submitted'
      ? err('alert_not_submitted')
      : err('alert_invalid_transition')
  }
  switch (step.kind) {
    case 'edit': {
      if (!by!.mayDraft && !by!.mayApprove) return err('alert_not_permitted')
      if (step.version !== alert.version) return err('alert_stale_version')
      return ok({
        ...alert,
        state: 'draft',
        version: alert.version + 1,
        editorIds: alert.editorIds.includes(by!.userId) ? alert.editorIds : [...alert.editorIds, by!.userId],
        returnedReason: null,
        exception: step.exception,
      })
    }
    case 'submit': {
      if (!by!.mayDraft && !by!.mayApprove) return err('alert_not_permitted')
      if (step.version !== alert.version) return err('alert_stale_version')
      if (!isIssuableStatus(alert.status)) return err('alert_status_not_chosen')
      return ok({ ...alert, state: 'submitted', submittedBy: by!.userId, submittedVersion: alert.version })
    }
    case 'approve': {
      if (!by!.mayApprove) return err('alert_not_permitted')
      if (step.version !== alert.version || step.version !== alert.submittedVersion)
        return err('alert_stale_version')
      if (hasWorkedOn(alert, by!.userId) || alert.submittedBy === by!.userId) return err('alert_same_person')
      if (!isIssuableStatus(alert.status)) return err('alert_status_not_chosen')
      const later = step.issueAt !== null && step.issueAt.getTime() > step.now.getTime()
      return ok({
        ...alert,
        state: later ? 'approved' : 'issued',
        approvedBy: by!.userId,
        issueAt: later ? step.issueAt : null,
      })
    }
    case 'return': {
      if (!by!.mayApprove) return err('alert_not_permitted')
      if (step.version !== alert.submittedVersion) return err('alert_stale_version')
      if (step.reason.trim() === '') return err('alert_reason_missing')
      return ok({
        ...alert,
        state: 'returned',
        returnedReason: step.reason.trim(),
        submittedBy: null,
        submittedVersion: null,
        // a scheduled alert sent back is withdrawn before it goes out
        approvedBy: null,
        issueAt: null,
      })
    }
    case 'issueAlone': {
      if (!by!.mayApprove) return err('alert_not_permitted')
      if (step.version !== alert.version) return err('alert_stale_version')
      if (alert.exception === null || alert.exception !== step.exception) return err('alert_no_exception')
      if (!isIssuableStatus(alert.status)) return err('alert_status_not_chosen')
      return ok({
        ...alert,
        state: 'issued',
        approvedBy: by!.userId,
        issuedAlone: step.exception,
        issueAt: null,
      })
    }
    case 'issueDue': {
      if (alert.issueAt !== null && alert.issueAt.getTime() > step.now.getTime()) return err('alert_not_due')
      return ok({ ...alert, state: 'issued' })
    }
    case 'supersede':
      return ok({ ...alert, state: 'updated' })
    case 'cancel':
      return ok({ ...alert, state: 'cancelled' })
    case 'expire':
      return ok({ ...alert, state: 'expired' })
    default: {
      const exhaustive: never = step
      return exhaustive
    }
  }
}

/** A new draft's lifecycle: its author, its status (chosen explicitly) and the exception its content qualifies for. */
export function newAlertLifecycle(init: {
  readonly authorId: string
  readonly status: CapStatus
  readonly msgType: CapMsgType
  readonly exception: IssueException | null
}): AlertLifecycle {
  return {
    state: 'draft',
    version: 1,
    status: init.status,
    msgType: init.msgType,
    authorId: init.authorId,
    editorIds: [init.authorId],
    submittedBy: null,
    submittedVersion: null,
    approvedBy: null,
    issuedAlone: null,
    issueAt: null,
    returnedReason: null,
    exception: init.exception,
  }
}
