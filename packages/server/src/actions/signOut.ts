import type { Principal } from '@liaison/core'
import { callerActor } from '@liaison/core'
import { endSessions } from '../store/identity/sessionRows.ts'
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
      const ended = await endSessions(
        ctx.tx,
        principal.userId,
        ctx.at,
        input.everywhere ? {} : { only: principal.sessionId },
      )
      ctx.target(principal.userId, principal.orgId, { sessionsEnded: ended })
      return ended
    },
  )
}
