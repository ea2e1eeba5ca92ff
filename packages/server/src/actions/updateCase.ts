import type { Case, CaseState, Caller } from '@liaison/core'
import { callerActor, caseChangeOf, caseProblems, changeCaseState, requireSomeChange } from '@liaison/core'
import { findCase, updateCaseRow } from '../store/cases/caseRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { participantIds } from './openCase.ts'
import { requireCaseWrite } from './requireCaseWrite.ts'
import { requirePermission } from './requirePermission.ts'
import { refuse, runAction, unwrap } from './runAction.ts'

export interface UpdateCase {
  readonly caller: Caller
  readonly caseId: string
  /** open, monitoring, closed: closing and re-opening are changes of state. */
  readonly state?: CaseState | undefined
  /** The organisations taking part, by code: replaces the list. */
  readonly participants?: readonly string[] | undefined
  /** What the owner may correct after opening: title, description, severity, scaling, end. */
  readonly details?:
    Partial<Pick<Case, 'title' | 'description' | 'severity' | 'scaling' | 'endsAt'>> | undefined
  readonly source: string | null
}

/** Changes a case's state, who takes part, or its details. Only the owning organisation edits its case. */
export async function updateCase(deps: ActionDeps, command: UpdateCase): Promise<Case> {
  const action = caseChangeOf(command.state)
  return runAction(
    deps,
    { action, actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      ctx.target(command.caseId, null)
      const current = await findCase(ctx.tx, command.caseId)
      if (!current) return refuse('not_found', `no case ${command.caseId}`)
      ctx.target(current.id, current.ownerOrgId)
      requirePermission(command.caller, 'cases.manage', current.ownerOrgId, 'not_owner')
      // a closed case is still re-opened and corrected by its owner
      requireCaseWrite(command.caller, current, { ownerOnly: true, whileClosed: true })
      const changed: string[] = []
      let next: Case = current
      if (command.state !== undefined && command.state !== current.state) {
        next = { ...next, state: unwrap(changeCaseState(current.state, command.state)) }
        changed.push('state')
      }
      if (command.participants !== undefined) {
        const ids = (await participantIds(ctx, deps.nodeId, command.participants)).filter(
          (id) => id !== current.ownerOrgId,
        )
        next = { ...next, participants: [...new Set(ids)] }
        changed.push('participants')
      }
      if (command.details && Object.keys(command.details).length > 0) {
        next = { ...next, ...command.details }
        const problems = caseProblems({
          ...next,
          participants: [],
          disciplines: [...next.disciplines],
        }).filter((p) => !p.startsWith('participants'))
        if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
        next = { ...next, title: next.title.trim() }
        changed.push(...Object.keys(command.details))
      }
      unwrap(requireSomeChange(changed), `nothing changes: the case is already ${current.state}`)
      next = { ...next, updatedAt: ctx.at }
      await updateCaseRow(ctx.tx, next)
      ctx.target(current.id, current.ownerOrgId, { changed, state: next.state })
      // those who leave the case still learn that they left it
      ctx.emit({
        body: { kind: 'case.updated', case: next, changed },
        subject: next.id,
        orgId: next.ownerOrgId,
        distribution: { kind: 'case', caseId: next.id },
        status: next.status,
      })
      return next
    },
  )
}
