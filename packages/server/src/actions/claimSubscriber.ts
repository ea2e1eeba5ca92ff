import { refusalError } from '@liaison/core'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import type { AddressInput } from '../citizens/normaliseAddress.ts'
import { normaliseAddress } from '../citizens/normaliseAddress.ts'
import { newManagementToken } from '../citizens/subscriberSecrets.ts'
import { addressByValue, confirmAddress, setTokenHash } from '../store/citizens/subscriberRows.ts'
import { citizenActor } from './registerSubscriber.ts'
import { checkAddressCode } from './addressCodes.ts'
import { runAction } from './runAction.ts'

/**
 * The second proof of control (decision 040): the code sent to an address (the first message
 * after an import, or a new one) confirms it and gives a new management token, the old one no
 * longer working. An address that is not registered answers as a wrong code would, so that
 * the route tells no one who is registered.
 */
export async function claimSubscriber(
  deps: CitizenDeps,
  input: { address: AddressInput & { kind: 'sms' | 'email' }; code: string; source: string | null },
): Promise<{ subscriberId: string; token: string }> {
  const token = newManagementToken()
  return runAction(
    deps,
    { action: 'citizen.claim', actor: citizenActor, source: input.source },
    async (ctx) => {
      const normal = normaliseAddress(input.address)
      const address = normal.ok
        ? await addressByValue(ctx.tx, normal.value.kind, normal.value.address)
        : undefined
      if (!address) throw refusalError('confirmation_code_wrong', 'body/code: the confirmation code is wrong')
      ctx.target(address.subscriber_id, null, { address: address.id })
      // a confirmed address may be claimed again with a new code
      await checkAddressCode(ctx.tx, address, input.code, ctx.at, null, false)
      await confirmAddress(ctx.tx, address.id, address.confirmed_at ?? ctx.at)
      await setTokenHash(ctx.tx, address.subscriber_id, token.hash, ctx.at)
      return { subscriberId: address.subscriber_id, token: token.secret }
    },
  )
}
