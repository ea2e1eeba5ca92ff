import type { AlertChannel } from './Alert.ts'
import type { CapAlert } from './CapAlert.ts'
import type { IssuableStatus } from './alertLifecycle.ts'

/**
 * What a template holds: an alert's content as an author writes it (the node sets identifier,
 * sent, msgType and references), with `{{placeholders}}` in its texts.
 */
export interface AlertTemplateContent {
  readonly status: IssuableStatus
  readonly sender: string
  readonly scope: CapAlert['scope']
  readonly source?: string | undefined
  readonly restriction?: string | undefined
  readonly addresses?: string | undefined
  readonly code?: readonly string[] | undefined
  readonly note?: string | undefined
  readonly incidents?: string | undefined
  readonly info: CapAlert['info']
  readonly channels: readonly AlertChannel[]
}

/**
 * A template for a recurring alert (chemical fire, flood, the monthly test): its content with
 * placeholders, kept by one organisation. An approver may pre-approve it (not the one who last
 * changed it); one approver may then issue an alert made from it unchanged but for its
 * placeholders and times (decision 038). A change withdraws the pre-approval.
 */
export interface AlertTemplate {
  readonly id: string
  readonly orgId: string
  readonly name: string
  readonly version: number
  readonly content: AlertTemplateContent
  /** The placeholder names its texts use, in the order they first appear. */
  readonly placeholders: readonly string[]
  readonly preApprovedBy: string | null
  readonly preApprovedAt: Date | null
  readonly retiredAt: Date | null
  readonly createdBy: string
  readonly changedBy: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A template's reference from an alert made from it: the version used and the values filled in. */
export interface AlertTemplateUse {
  readonly templateId: string
  readonly version: number
  readonly values: Readonly<Record<string, string>>
}
