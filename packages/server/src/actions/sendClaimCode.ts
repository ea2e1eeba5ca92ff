import { codeMinutes } from '../citizens/citizenSender.ts'
import type { CodeToSend } from '../citizens/citizenSender.ts'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import type { AddressInput } from '../citizens/normaliseAddress.ts'
import { normaliseAddress } from '../citizens/normaliseAddress.ts'
import { addressByValue, subscriberById } from '../store/citizens/subscriberRows.ts'
import { newAddressCode } from './addressCodes.ts'
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
      return newAddressCode(
        ctx.tx,
        deps,
        {
          ...address,
          kind: address.kind,
          subscriberId: address.subscriber_id,
          unsubscribeToken: address.unsubscribe_token,
        },
        subscriber.languages,
        'confirmation',
        new Date(ctx.at.getTime() + codeMinutes * 60_000),
      )
    },
  )
  return { sent: sendQuietly(deps, code ? [code] : []) }
}
