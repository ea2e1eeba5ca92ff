import type { ActionDeps } from './ActionDeps.ts'
import { deleteSubscriber } from '../store/citizens/subscriberRows.ts'
import { citizenActor } from './registerSubscriber.ts'
import { runAction } from './runAction.ts'

/**
 * Erasure (decision 040): the subscriber, its addresses and places are deleted; its delivery
 * rows stay, counted, with nothing left that points to the person. The audit keeps the
 * pseudonymous id, which no longer resolves to anything.
 */
export async function eraseSubscriber(
  deps: ActionDeps,
  input: { subscriberId: string; source: string | null },
): Promise<void> {
  await runAction(
    deps,
    { action: 'citizen.erase', actor: citizenActor, source: input.source },
    async (ctx) => {
      ctx.target(input.subscriberId, null)
      await deleteSubscriber(ctx.tx, input.subscriberId)
    },
  )
}
