import { createHash } from 'node:crypto'
import type { Caller } from '@liaison/core'
import { callerActor, mayChangeRecord, planDocumentRules as corePlanDocumentRules } from '@liaison/core'
import type { FileRules } from '../files/fileTypes.ts'
import { fileProblems } from '../files/fileTypes.ts'
import { insertPlanDocument, planKeeper } from '../store/directory/planRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, runAction, unwrap } from './runAction.ts'

/** What a plan's document may be (core's `planDocumentRules`), with the content checks of each type. */
export const planDocumentRules: FileRules = corePlanDocumentRules

export interface PlanDocumentMeta {
  readonly id: string
  readonly planId: string
  readonly fileName: string
  readonly contentType: string
  readonly size: number
  readonly sha256: string
  readonly uploadedAt: Date
  readonly uploadedBy: string
}

/**
 * Stores a new version of a plan's document. Only the organisation that keeps the plan uploads;
 * earlier versions stay readable, the newest is the plan's current document.
 */
export async function uploadPlanDocument(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly planId: string
    readonly fileName: string
    readonly contentType: string
    readonly data: Buffer
    readonly source: string | null
  },
): Promise<PlanDocumentMeta> {
  return runAction(
    deps,
    { action: 'plan.document.upload', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      ctx.target(command.planId, caller.orgId)
      const keeper = await planKeeper(ctx.tx, command.planId)
      const plan = keeper === undefined ? undefined : { id: command.planId, owner_org_id: keeper }
      if (!plan) return refuse('not_found', `no plan ${command.planId}`)
      unwrap(
        mayChangeRecord(plan.owner_org_id, caller.orgId),
        'only the organisation that keeps a plan uploads its document',
      )
      const { problems, tooLarge } = fileProblems(planDocumentRules, command)
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      if (tooLarge)
        return refuse(
          'payload_too_large',
          `a plan's document may be at most ${planDocumentRules.maxBytes / 1024 / 1024} MiB`,
        )
      const meta: PlanDocumentMeta = {
        id: ctx.newId(),
        planId: plan.id,
        fileName: command.fileName.trim(),
        contentType: command.contentType,
        size: command.data.length,
        sha256: createHash('sha256').update(command.data).digest('hex'),
        uploadedAt: ctx.at,
        uploadedBy: caller.userId,
      }
      await insertPlanDocument(ctx.tx, {
        id: meta.id,
        plan_id: plan.id,
        org_id: caller.orgId,
        file_name: meta.fileName,
        content_type: meta.contentType,
        size: meta.size,
        sha256: meta.sha256,
        data: command.data,
        uploaded_at: ctx.at,
        uploaded_by: caller.userId,
      })
      ctx.target(plan.id, caller.orgId, { documentId: meta.id, fileName: meta.fileName, size: meta.size })
      ctx.emit({
        body: { kind: 'plan.saved', planId: plan.id },
        subject: plan.id,
        orgId: caller.orgId,
        distribution: { kind: 'national' },
      })
      return meta
    },
  )
}
