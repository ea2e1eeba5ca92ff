import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { AlertTemplate, AlertTemplateContent } from './AlertTemplate.ts'
import { templatePlaceholders } from './fillAlertTemplate.ts'

export const alertTemplateNameMax = 100

export type AlertTemplateRefusal =
  | { readonly reason: 'invalid'; readonly problems: readonly string[] }
  | { readonly reason: 'alert_template_name_taken' }
  | { readonly reason: 'alert_template_retired' }
  | { readonly reason: 'alert_template_same_person' }
  | { readonly reason: 'stale_version' }
  | { readonly reason: 'no_change' }

function checkedName(name: string): Result<string, AlertTemplateRefusal> {
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.length > alertTemplateNameMax)
    return err({ reason: 'invalid', problems: [`name: 1 to ${alertTemplateNameMax} characters`] })
  return ok(trimmed)
}

/** A new template, written by an approver; not pre-approved until a second approver says so. */
export function newAlertTemplate(
  input: { readonly name: string; readonly content: AlertTemplateContent },
  facts: {
    readonly id: string
    readonly orgId: string
    readonly by: string
    readonly at: Date
    readonly nameTaken: boolean
  },
): Result<AlertTemplate, AlertTemplateRefusal> {
  const name = checkedName(input.name)
  if (!name.ok) return name
  if (facts.nameTaken) return err({ reason: 'alert_template_name_taken' })
  return ok({
    id: facts.id,
    orgId: facts.orgId,
    name: name.value,
    version: 1,
    content: input.content,
    placeholders: templatePlaceholders(input.content),
    preApprovedBy: null,
    preApprovedAt: null,
    retiredAt: null,
    createdBy: facts.by,
    changedBy: facts.by,
    createdAt: facts.at,
    updatedAt: facts.at,
  })
}

/** A change at the version read: a new version, and any pre-approval withdrawn. */
export function changeAlertTemplate(
  template: AlertTemplate,
  change: { readonly version: number; readonly name: string; readonly content: AlertTemplateContent },
  facts: { readonly by: string; readonly at: Date; readonly nameTaken: boolean },
): Result<AlertTemplate, AlertTemplateRefusal> {
  if (template.retiredAt !== null) return err({ reason: 'alert_template_retired' })
  if (change.version !== template.version) return err({ reason: 'stale_version' })
  const name = checkedName(change.name)
  if (!name.ok) return name
  if (facts.nameTaken) return err({ reason: 'alert_template_name_taken' })
  return ok({
    ...template,
    name: name.value,
    version: template.version + 1,
    content: change.content,
    placeholders: templatePlaceholders(change.content),
    preApprovedBy: null,
    preApprovedAt: null,
    changedBy: facts.by,
    updatedAt: facts.at,
  })
}

/**
 * Pre-approves the version read: one approver may then issue an alert made from it alone. Not by
 * the approver who last changed it, so that its text has been seen by two people.
 */
export function preApproveAlertTemplate(
  template: AlertTemplate,
  step: { readonly version: number; readonly by: string; readonly at: Date },
): Result<AlertTemplate, AlertTemplateRefusal> {
  if (template.retiredAt !== null) return err({ reason: 'alert_template_retired' })
  if (step.version !== template.version) return err({ reason: 'stale_version' })
  if (template.preApprovedBy !== null) return err({ reason: 'no_change' })
  if (step.by === template.changedBy) return err({ reason: 'alert_template_same_person' })
  return ok({ ...template, preApprovedBy: step.by, preApprovedAt: step.at, updatedAt: step.at })
}

/** Retires a template: kept for the alerts made from it, but no longer offered nor pre-approved. */
export function retireAlertTemplate(
  template: AlertTemplate,
  step: { readonly version: number; readonly at: Date },
): Result<AlertTemplate, AlertTemplateRefusal> {
  if (template.retiredAt !== null) return err({ reason: 'alert_template_retired' })
  if (step.version !== template.version) return err({ reason: 'stale_version' })
  return ok({ ...template, retiredAt: step.at, preApprovedBy: null, preApprovedAt: null, updatedAt: step.at })
}

/**
 * The facts `issueExceptionFor` needs about the template an alert says it was made from: whether
 * it is pre-approved now (and not retired, and at the version used), and whether the alert is it
 * filled in unchanged (`templateIntact`, found by the caller).
 */
export function templatePreApprovedAt(template: AlertTemplate, version: number): boolean {
  return template.retiredAt === null && template.preApprovedBy !== null && template.version === version
}
