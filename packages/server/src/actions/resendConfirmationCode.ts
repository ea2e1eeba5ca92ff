import { LiaisonError, refusalError } from '@liaison/core'
import { codeMinutes } from '../citizens/citizenSender.ts'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import type { SubscriberRow } from '../store/citizens/subscriberRows.ts'
import { addressOf } from '../store/citizens/subscriberRows.ts'
import { newAddressCode } from './addressCodes.ts'
import { citizenActor, sendQuietly } from './registerSubscriber.ts'
import { runAction } from './runAction.ts'

/** A new code for an unconfirmed phone or e-mail address (the old one no longer works), sent after the commit. */
export async function resendConfirmationCode(
  deps: CitizenDeps,
  input: { subscriber: SubscriberRow; addressId: string; source: string | null },
): Promise<{ sent: Promise<unknown> }> {
  const code = await runAction(
    deps,
    { action: 'citizen.code', actor: citizenActor, source: input.source },
    async (ctx) => {
      ctx.target(input.subscriber.id, null, { address: input.addressId })
      const address = await addressOf(ctx.tx, input.subscriber.id, input.addressId)
      if (!address) throw new LiaisonError('not_found', 'no such address of this subscriber')
      if (address.confirmed_at !== null) throw refusalError('address_already_confirmed')
      if (address.kind === 'push' || !deps.sender.kinds.has(address.kind))
        throw refusalError('channel_not_configured')
      return newAddressCode(
        ctx.tx,
        deps,
        {
          ...address,
          kind: address.kind,
          subscriberId: address.subscriber_id,
          unsubscribeToken: address.unsubscribe_token,
        },
        input.subscriber.languages,
        'confirmation',
        new Date(ctx.at.getTime() + codeMinutes * 60_000),
      )
    },
  )
  return { sent: sendQuietly(deps, [code]) }
}
