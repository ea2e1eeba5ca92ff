import type { Caller, PagingPolicy } from '@liaison/core'
import { callerActor, checkPagingPolicy, refusalError, refusalReasons } from '@liaison/core'
import { pagingCandidates, savePagingPolicy } from '../store/paging/pagingRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { runAction } from './runAction.ts'

/**
 * An administrator sets the organisation's on-call chain and its times (decision 044), checked
 * by core's `checkPagingPolicy` against the organisation's users now: each once, each with a
 * confirmed paging address. Pages already under way keep the chain they started with.
 */
export async function setPagingPolicy(
  deps: ActionDeps,
  command: { caller: Caller; policy: PagingPolicy; source: string | null },
): Promise<PagingPolicy> {
  return runAction(
    deps,
    { action: 'paging.policy.set', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'users.manage', caller.orgId)
      ctx.target(caller.orgId, caller.orgId, {
        chain: command.policy.chain.length,
        minSeverity: command.policy.minSeverity,
        stepSeconds: command.policy.stepSeconds,
        incomingWaitSeconds: command.policy.incomingWaitSeconds,
      })
      const members = new Map((await pagingCandidates(ctx.tx, caller.orgId)).map((m) => [m.id, m]))
      const checked = checkPagingPolicy(command.policy, members)
      if (!checked.ok) {
        const { reason, field } = checked.error
        throw refusalError(reason, `body/${field}: ${refusalReasons[reason].summary}`, {
          field: `body/${field}`,
        })
      }
      await savePagingPolicy(ctx.tx, caller.orgId, checked.value, ctx.at)
      return checked.value
    },
  )
}
