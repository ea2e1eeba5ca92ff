import type { Principal } from '@liaison/core'
import { callerActor } from '@liaison/core'
import type { ActionDeps } from './ActionDeps.ts'
import { refuse, runAction } from './runAction.ts'

/** Ends this session, or (everywhere) every open session of the user. */
export async function signOut(
  deps: ActionDeps,
  input: { readonly principal: Principal; readonly everywhere: boolean; readonly source: string | null },
): Promise<number> {
  const { principal } = input
  return runAction(
    deps,
    {
      action: input.everywhere ? 'session.sign-out-everywhere' : 'session.sign-out',
      actor: callerActor(principal),
      source: input.source,
    },
    async (ctx) => {
      if (principal.kind !== 'user') return refuse('forbidden', 'an API token has no session to end')
      ctx.target(principal.userId, principal.orgId)
      let query = ctx.tx
        .updateTable('sessions')
        .set({ ended_at: ctx.at })
        .where('user_id', '=', principal.userId)
        .where('ended_at', 'is', null)
      if (!input.everywhere) query = query.where('id', '=', principal.sessionId)
      const result = await query.executeTakeFirst()
      const ended = Number(result.numUpdatedRows)
      ctx.target(principal.userId, principal.orgId, { sessionsEnded: ended })
      return ended
    },
  )
}
