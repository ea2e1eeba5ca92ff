import type { AlertTemplate, AlertTemplateContent, AlertTemplateRefusal, Caller, Result } from '@liaison/core'
import {
  LiaisonError,
  callerActor,
  changeAlertTemplate,
  newAlertTemplate,
  preApproveAlertTemplate,
  retireAlertTemplate,
} from '@liaison/core'
import {
  alertTemplateNameTaken,
  insertAlertTemplate,
  lockAlertTemplateRow,
  toAlertTemplate,
  updateAlertTemplate,
} from '../store/alerts/alertTemplateRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import type { ActionContext } from './runAction.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson, type PersonCaller } from './requirePerson.ts'

/** A template step's decision, or its refusal raised with its reason. */
function decided(result: Result<AlertTemplate, AlertTemplateRefusal>): AlertTemplate {
  if (result.ok) return result.value
  const refusal = result.error
  switch (refusal.reason) {
    case 'invalid':
      return refuse('validation_failed', refusal.problems.join('; '), { problems: refusal.problems })
    case 'alert_template_name_taken':
      return refuseBecause(refusal.reason, 'another template of the organisation has that name')
    case 'alert_template_retired':
    case 'alert_template_same_person':
    case 'stale_version':
    case 'no_change':
      return refuseBecause(refusal.reason)
    default: {
      const exhaustive: never = refusal
      return exhaustive
    }
  }
}

async function templateFor(ctx: ActionContext, caller: PersonCaller, id: string): Promise<AlertTemplate> {
  ctx.target(id, caller.orgId)
  const row = await lockAlertTemplateRow(ctx.tx, id)
  if (!row) return refuse('not_found', `no alert template ${id}`)
  if (row.org_id !== caller.orgId)
    throw new LiaisonError('other_organisation', 'this template belongs to another organisation', undefined, {
      reason: 'not_keeper',
    })
  return toAlertTemplate(row)
}

/** Writes a new template for recurring alerts: an approver of the organisation (decision 038). */
export async function createAlertTemplate(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly name: string
    readonly content: AlertTemplateContent
    readonly source: string | null
  },
): Promise<AlertTemplate> {
  return runAction(
    deps,
    { action: 'alert-template.create', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'alerts.approve', caller.orgId)
      const id = ctx.newId()
      ctx.target(id, caller.orgId, { name: command.name })
      const template = decided(
        newAlertTemplate(
          { name: command.name, content: command.content },
          {
            id,
            orgId: caller.orgId,
            by: caller.userId,
            at: ctx.at,
            nameTaken: await alertTemplateNameTaken(ctx.tx, caller.orgId, command.name.trim(), null),
          },
        ),
      )
      await insertAlertTemplate(ctx.tx, template)
      ctx.target(id, caller.orgId, { name: template.name, version: 1, placeholders: template.placeholders })
      return template
    },
  )
}

/** Changes a template at the version read: a new version, its pre-approval withdrawn. */
export async function changeTemplate(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly templateId: string
    readonly version: number
    readonly name: string
    readonly content: AlertTemplateContent
    readonly source: string | null
  },
): Promise<AlertTemplate> {
  return runAction(
    deps,
    { action: 'alert-template.change', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'alerts.approve', caller.orgId)
      const before = await templateFor(ctx, caller, command.templateId)
      const template = decided(
        changeAlertTemplate(
          before,
          { version: command.version, name: command.name, content: command.content },
          {
            by: caller.userId,
            at: ctx.at,
            nameTaken: await alertTemplateNameTaken(ctx.tx, caller.orgId, command.name.trim(), before.id),
          },
        ),
      )
      await updateAlertTemplate(ctx.tx, template)
      ctx.target(template.id, template.orgId, {
        name: template.name,
        version: template.version,
        preApprovalWithdrawn: before.preApprovedBy !== null,
      })
      return template
    },
  )
}

/** A step that needs only the version read (pre-approve, retire): an approver of the keeping organisation. */
interface TemplateStepCommand {
  readonly caller: Caller
  readonly templateId: string
  readonly version: number
  readonly source: string | null
}

function stepTemplate(
  deps: ActionDeps,
  action: 'alert-template.pre-approve' | 'alert-template.retire',
  command: TemplateStepCommand,
  rule: (before: AlertTemplate, by: string, at: Date) => Result<AlertTemplate, AlertTemplateRefusal>,
): Promise<AlertTemplate> {
  return runAction(
    deps,
    { action, actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'alerts.approve', caller.orgId)
      const before = await templateFor(ctx, caller, command.templateId)
      const template = decided(rule(before, caller.userId, ctx.at))
      await updateAlertTemplate(ctx.tx, template)
      ctx.target(template.id, template.orgId, { name: template.name, version: template.version })
      return template
    },
  )
}

/** Pre-approves the version read: an approver other than its last editor (decision 038). */
export function preApproveTemplate(deps: ActionDeps, command: TemplateStepCommand): Promise<AlertTemplate> {
  return stepTemplate(deps, 'alert-template.pre-approve', command, (before, by, at) =>
    preApproveAlertTemplate(before, { version: command.version, by, at }),
  )
}

/** Retires a template: no longer offered, no longer pre-approved; the alerts made from it keep it. */
export function retireTemplate(deps: ActionDeps, command: TemplateStepCommand): Promise<AlertTemplate> {
  return stepTemplate(deps, 'alert-template.retire', command, (before, _by, at) =>
    retireAlertTemplate(before, { version: command.version, at }),
  )
}
