import { codeMinutes } from '../citizens/citizenSender.ts'
import type { CodeToSend } from '../citizens/citizenSender.ts'
import { citizenLanguageOf } from '../citizens/citizenTexts.ts'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import { manageUrlOf, unsubscribeUrlOf } from '../citizens/CitizenDeps.ts'
import type { AddressInput } from '../citizens/normaliseAddress.ts'
import { normaliseAddress } from '../citizens/normaliseAddress.ts'
import { confirmationCodeHash, newConfirmationCode } from '../citizens/subscriberSecrets.ts'
import { addressByValue, setCode, subscriberById } from '../store/citizens/subscriberRows.ts'
import { citizenActor, sendQuietly } from './registerSubscriber.ts'
import { runAction } from './runAction.ts'

/**
 * A new code to a registered phone or e-mail address, for `claimSubscriber` (a lost token, an
 * imported list's person whose first code expired). The caller answers the same whether or not
 * the address is registered: nothing here tells who is.
 */
export async function sendClaimCode(
  deps: CitizenDeps,
  input: { address: AddressInput & { kind: 'sms' | 'email' }; source: string | null },
): Promise<{ sent: Promise<unknown> }> {
  const code = await runAction(
    deps,
    { action: 'citizen.claim-code', actor: citizenActor, source: input.source },
    async (ctx): Promise<CodeToSend | null> => {
      const normal = normaliseAddress(input.address)
      const address = normal.ok
        ? await addressByValue(ctx.tx, normal.value.kind, normal.value.address)
        : undefined
      if (!address || address.kind === 'push' || !deps.sender.kinds.has(address.kind)) return null
      const subscriber = await subscriberById(ctx.tx, address.subscriber_id)
      if (!subscriber) return null
      ctx.target(subscriber.id, null, { address: address.id })
      const code = newConfirmationCode()
      await setCode(
        ctx.tx,
        address.id,
        confirmationCodeHash(address.id, code),
        new Date(ctx.at.getTime() + codeMinutes * 60_000),
      )
      return {
        subscriberId: subscriber.id,
        addressId: address.id,
        kind: address.kind,
        to: address.address,
        language: citizenLanguageOf(subscriber.languages),
        code,
        purpose: 'confirmation',
        unsubscribeUrl: unsubscribeUrlOf(deps, address.unsubscribe_token),
        manageUrl: manageUrlOf(deps),
      }
    },
  )
  return { sent: sendQuietly(deps, code ? [code] : []) }
}
