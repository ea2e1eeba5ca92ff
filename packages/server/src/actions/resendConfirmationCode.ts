import { LiaisonError, refusalError } from '@liaison/core'
import { codeMinutes } from '../citizens/citizenSender.ts'
import { citizenLanguageOf } from '../citizens/citizenTexts.ts'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import { manageUrlOf, unsubscribeUrlOf } from '../citizens/CitizenDeps.ts'
import { confirmationCodeHash, newConfirmationCode } from '../citizens/subscriberSecrets.ts'
import type { SubscriberRow } from '../store/citizens/subscriberRows.ts'
import { addressOf, setCode } from '../store/citizens/subscriberRows.ts'
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
      const code = newConfirmationCode()
      await setCode(
        ctx.tx,
        address.id,
        confirmationCodeHash(address.id, code),
        new Date(ctx.at.getTime() + codeMinutes * 60_000),
      )
      return {
        subscriberId: input.subscriber.id,
        addressId: address.id,
        kind: address.kind,
        to: address.address,
        language: citizenLanguageOf(input.subscriber.languages),
        code,
        purpose: 'confirmation' as const,
        unsubscribeUrl: unsubscribeUrlOf(deps, address.unsubscribe_token),
        manageUrl: manageUrlOf(deps),
      }
    },
  )
  return { sent: sendQuietly(deps, [code]) }
}
