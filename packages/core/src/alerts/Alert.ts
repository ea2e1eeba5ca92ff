import type { AlertTemplateUse } from './AlertTemplate.ts'
import type { CapAlert } from './CapAlert.ts'
import type { AlertState, IssueException } from './alertLifecycle.ts'

/** The channels an alert goes out on (the channels themselves come with their own issue). */
export const alertChannels = ['sms', 'cell-broadcast', 'email', 'push', 'feed'] as const
export type AlertChannel = (typeof alertChannels)[number]

/**
 * The author's decision to send an alert without some of the languages its area expects (decision
 * 038's warnings), with the reason: kept on the alert, shown to the approver and in its history.
 */
export interface LanguageOverride {
  /** The languages the warnings asked for that the alert leaves out. */
  readonly languages: readonly string[]
  readonly reason: string
}

/** A public warning as the node keeps it: the CAP message and where it is in its life (decision 029). */
export interface Alert {
  readonly id: string
  readonly orgId: string
  readonly state: AlertState
  readonly version: number
  /** The CAP message as it is (or will be) issued; its status is chosen explicitly. */
  readonly cap: CapAlert
  readonly channels: readonly AlertChannel[]
  readonly authorId: string
  readonly editorIds: readonly string[]
  readonly submittedBy: string | null
  readonly submittedAt: Date | null
  readonly submittedVersion: number | null
  readonly approvedBy: string | null
  readonly approvedAt: Date | null
  /** Set when one approver issued it alone, under this exception (shown as such). */
  readonly issuedAlone: IssueException | null
  /** The exception the current content qualifies for, if any (`issueExceptionFor`). */
  readonly exception: IssueException | null
  readonly issueAt: Date | null
  readonly issuedAt: Date | null
  readonly returnedReason: string | null
  /** The issued alert this Update or Cancel replaces. */
  readonly replacesId: string | null
  /** The template it was made from (the version used and the values filled in), if any. */
  readonly template: AlertTemplateUse | null
  /** The language warnings the author overrode, and why; null when none was. */
  readonly languageOverride: LanguageOverride | null
  readonly createdAt: Date
  readonly updatedAt: Date
}
