import type { Caller, Casualties, Sitrep } from '@liaison/core'
import {
  callerActor,
  casualtyProblems,
  conditionsFromLog,
  mayApproveSitrep,
  mayDraftSitrep,
  mayReviseSitrep,
  noCasualties,
} from '@liaison/core'
import { findCase, listLog } from '../store/cases/caseRows.ts'
import {
  insertSitrep,
  insertSitrepVersion,
  latestSitrepOf,
  lockSitrepRow,
  toSitrep,
  updateSitrepRow,
} from '../store/cases/sitrepRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requireCaseWrite } from './requireCaseWrite.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, runAction, unwrap } from './runAction.ts'

const brussels = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

/**
 * Starts the next report of a case, drafted from what the log recorded since the last approved
 * one (or since the case began). Those who manage cases in the owning organisation draft them.
 */
export async function draftSitrep(
  deps: ActionDeps,
  command: { readonly caller: Caller; readonly caseId: string; readonly source: string | null },
): Promise<Sitrep> {
  return runAction(
    deps,
    { action: 'sitrep.draft', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      ctx.target(command.caseId, caller.orgId)
      const c = await findCase(ctx.tx, command.caseId)
      if (!c) return refuse('not_found', `no case ${command.caseId}`)
      requirePermission(caller, 'cases.manage', c.ownerOrgId, 'not_owner')
      requireCaseWrite(caller, c, { ownerOnly: true })
      const previous = await latestSitrepOf(ctx.tx, c.id)
      unwrap(
        mayDraftSitrep(previous ? { state: previous.state } : undefined),
        `report ${previous?.number} is still a draft: finish and approve it first`,
      )
      const periodFrom =
        previous?.period_to ?? new Date(Math.min(c.createdAt.getTime(), c.startsAt.getTime()) - 1)
      const log = await listLog(ctx.tx, { caseId: c.id }, {})
      const row = {
        id: ctx.newId(),
        case_id: c.id,
        number: (previous?.number ?? 0) + 1,
        version: 1,
        state: 'draft' as const,
        period_from: periodFrom,
        period_to: ctx.at,
        conditions: conditionsFromLog(log, { from: periodFrom, to: ctx.at }, (at) => brussels.format(at)),
        actions: '',
        needs: '',
        casualties: JSON.stringify(noCasualties),
        resources: '',
        next_update_at: null,
        drafted_by: caller.userId,
        approved_by: null,
        approved_at: null,
        created_at: ctx.at,
        updated_at: ctx.at,
      }
      await insertSitrep(ctx.tx, row)
      const sitrep = toSitrep({ ...row, casualties: noCasualties })
      ctx.target(sitrep.id, c.ownerOrgId, { caseId: c.id, number: sitrep.number })
      ctx.emit({
        body: { kind: 'sitrep.drafted', sitrep },
        subject: sitrep.id,
        orgId: c.ownerOrgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
      return sitrep
    },
  )
}

export interface EditSitrep {
  readonly caller: Caller
  readonly sitrepId: string
  /** The version the editor started from: a stale edit is refused instead of overwriting another's. */
  readonly version: number
  readonly conditions?: string | undefined
  readonly actions?: string | undefined
  readonly needs?: string | undefined
  readonly resources?: string | undefined
  readonly casualties?: Casualties | undefined
  readonly nextUpdateAt?: Date | null | undefined
  readonly source: string | null
}

/** Edits a draft; each edit is a new version. An approved report never changes. */
export async function editSitrep(deps: ActionDeps, command: EditSitrep): Promise<Sitrep> {
  return runAction(
    deps,
    { action: 'sitrep.edit', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      ctx.target(command.sitrepId, caller.orgId)
      const row = await lockSitrepRow(ctx.tx, command.sitrepId)
      if (!row) return refuse('not_found', `no situation report ${command.sitrepId}`)
      const c = await findCase(ctx.tx, row.case_id)
      if (!c) return refuse('not_found', 'the case of this report is gone')
      requirePermission(caller, 'cases.manage', c.ownerOrgId, 'not_owner')
      requireCaseWrite(caller, c, { ownerOnly: true })
      unwrap(mayReviseSitrep({ state: row.state, version: row.version }, command.version), (reason) =>
        reason === 'sitrep_frozen'
          ? `report ${row.number} is approved and frozen; draft the next one`
          : `report ${row.number} changed meanwhile (now version ${row.version}); reload it`,
      )
      const problems = command.casualties ? casualtyProblems(command.casualties) : []
      for (const [field, value] of Object.entries({
        conditions: command.conditions,
        actions: command.actions,
        needs: command.needs,
        resources: command.resources,
      })) {
        if (value !== undefined && value.length > 20_000) problems.push(`${field}: at most 20,000 characters`)
      }
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      const next = {
        conditions: command.conditions ?? row.conditions,
        actions: command.actions ?? row.actions,
        needs: command.needs ?? row.needs,
        resources: command.resources ?? row.resources,
        casualties: command.casualties ?? row.casualties,
        next_update_at: command.nextUpdateAt === undefined ? row.next_update_at : command.nextUpdateAt,
        version: row.version + 1,
        updated_at: ctx.at,
      }
      // the version being replaced is kept, so every version of a report can be read again
      await insertSitrepVersion(ctx.tx, {
        sitrep_id: row.id,
        version: row.version,
        content: JSON.stringify({
          conditions: row.conditions,
          actions: row.actions,
          needs: row.needs,
          resources: row.resources,
          casualties: row.casualties,
          nextUpdateAt: row.next_update_at?.toISOString() ?? null,
          updatedAt: row.updated_at.toISOString(),
        }),
        replaced_at: ctx.at,
        replaced_by: caller.userId,
      })
      await updateSitrepRow(ctx.tx, row.id, { ...next, casualties: JSON.stringify(next.casualties) })
      ctx.target(row.id, c.ownerOrgId, { version: next.version })
      const sitrep = toSitrep({ ...row, ...next })
      ctx.emit({
        body: { kind: 'sitrep.revised', sitrep },
        subject: sitrep.id,
        orgId: c.ownerOrgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
      return sitrep
    },
  )
}

/** A crisis manager of the owning organisation approves a draft; from then on it is frozen. */
export async function approveSitrep(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly sitrepId: string
    readonly version: number
    readonly source: string | null
  },
): Promise<Sitrep> {
  return runAction(
    deps,
    { action: 'sitrep.approve', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      ctx.target(command.sitrepId, caller.orgId)
      const row = await lockSitrepRow(ctx.tx, command.sitrepId)
      if (!row) return refuse('not_found', `no situation report ${command.sitrepId}`)
      const c = await findCase(ctx.tx, row.case_id)
      if (!c) return refuse('not_found', 'the case of this report is gone')
      requireCaseWrite(caller, c, { whileClosed: true })
      requirePermission(caller, 'sitreps.approve', c.ownerOrgId, 'not_owner')
      // the last report of a case may be approved after the case closed
      requireCaseWrite(caller, c, { ownerOnly: true, whileClosed: true })
      unwrap(mayApproveSitrep({ state: row.state, version: row.version }, command.version), (reason) =>
        reason === 'already_approved'
          ? `report ${row.number} is already approved`
          : `report ${row.number} changed meanwhile (now version ${row.version}); read it again before approving`,
      )
      await updateSitrepRow(ctx.tx, row.id, {
        state: 'approved',
        approved_by: caller.userId,
        approved_at: ctx.at,
        updated_at: ctx.at,
      })
      const sitrep = toSitrep({
        ...row,
        state: 'approved',
        approved_by: caller.userId,
        approved_at: ctx.at,
        updated_at: ctx.at,
      })
      ctx.target(sitrep.id, c.ownerOrgId, { number: sitrep.number, version: sitrep.version })
      ctx.emit({
        body: { kind: 'sitrep.approved', sitrep },
        subject: sitrep.id,
        orgId: c.ownerOrgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
      return sitrep
    },
  )
}
