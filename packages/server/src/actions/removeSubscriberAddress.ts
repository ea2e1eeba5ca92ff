import { LiaisonError } from '@liaison/core'
import { removeAddressOfSubscriber } from '../store/citizens/subscriberRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { citizenActor } from './registerSubscriber.ts'
import { runAction } from './runAction.ts'

/**
 * A person stops one of their addresses from the citizen page (with the management token), as
 * the link in a message does: the address goes; with the last one the whole registration is
 * erased. The audit names the subscriber by its id, never the address (decision 040).
 */
export async function removeSubscriberAddress(
  deps: ActionDeps,
  input: { subscriberId: string; addressId: string; source: string | null },
): Promise<{ erased: boolean }> {
  return runAction(
    deps,
    { action: 'citizen.address.remove', actor: citizenActor, source: input.source },
    async (ctx) => {
      const removed = await removeAddressOfSubscriber(ctx.tx, input.subscriberId, input.addressId)
      if (!removed) throw new LiaisonError('not_found', 'no such address of this subscriber')
      ctx.target(removed.subscriberId, null, { erased: removed.erased })
      return { erased: removed.erased }
    },
  )
}
