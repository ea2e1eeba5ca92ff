import { judgeConfirmationCode, LiaisonError, refusalError } from '@liaison/core'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import { confirmationCodeHash } from '../citizens/subscriberSecrets.ts'
import { addressOf, confirmAddress, countWrongCode } from '../store/citizens/subscriberRows.ts'
import { citizenActor } from './registerSubscriber.ts'
import { keepChanges, runAction } from './runAction.ts'

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
      const judged = judgeConfirmationCode(
        {
          confirmedAt: address.confirmed_at,
          codeHash: address.code_hash,
          expiresAt: address.code_expires_at,
          attempts: address.code_attempts,
        },
        confirmationCodeHash(address.id, input.code),
        ctx.at,
      )
      if (!judged.ok) {
        if (judged.error === 'confirmation_code_wrong') {
          await countWrongCode(ctx.tx, address.id)
          throw keepChanges(refusalError(judged.error, 'body/code: the confirmation code is wrong'))
        }
        throw refusalError(judged.error)
      }
      await confirmAddress(ctx.tx, address.id, ctx.at)
    },
  )
}
