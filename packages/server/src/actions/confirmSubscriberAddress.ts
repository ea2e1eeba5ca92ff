import { LiaisonError } from '@liaison/core'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import { addressOf, confirmAddress } from '../store/citizens/subscriberRows.ts'
import { citizenActor } from './registerSubscriber.ts'
import { checkAddressCode } from './addressCodes.ts'
import { runAction } from './runAction.ts'

/**
 * Confirms one of a subscriber's addresses with the code sent to it (core's
 * `judgeConfirmationCode`): a wrong code is counted (the count commits with its refusal), and
 * once the attempts are spent only a new code helps.
 */
export async function confirmSubscriberAddress(
  deps: CitizenDeps,
  input: { subscriberId: string; addressId: string; code: string; source: string | null },
): Promise<void> {
  await runAction(
    deps,
    { action: 'citizen.confirm', actor: citizenActor, source: input.source },
    async (ctx) => {
      ctx.target(input.subscriberId, null, { address: input.addressId })
      const address = await addressOf(ctx.tx, input.subscriberId, input.addressId)
      if (!address) throw new LiaisonError('not_found', 'no such address of this subscriber')
      await checkAddressCode(ctx.tx, address, input.code, ctx.at)
      await confirmAddress(ctx.tx, address.id, ctx.at)
    },
  )
}
