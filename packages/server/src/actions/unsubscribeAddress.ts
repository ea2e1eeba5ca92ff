import type { ActionDeps } from './ActionDeps.ts'
import { removeAddressByUnsubscribeToken } from '../store/citizens/subscriberRows.ts'
import { citizenActor } from './registerSubscriber.ts'
import { runAction } from './runAction.ts'

/**
 * One click from a message (RFC 8058): the address the link names is removed; with its last
 * address the whole registration is erased. An unknown token changes nothing and says so.
 */
export async function unsubscribeAddress(
  deps: ActionDeps,
  input: { token: string; source: string | null },
): Promise<{ removed: boolean; erased: boolean }> {
  return runAction(
    deps,
    { action: 'citizen.unsubscribe', actor: citizenActor, source: input.source },
    async (ctx) => {
      const removed = await removeAddressByUnsubscribeToken(ctx.tx, input.token)
      ctx.target(removed?.subscriberId ?? null, null, { erased: removed?.erased ?? false })
      return { removed: removed !== null, erased: removed?.erased ?? false }
    },
  )
}
