import type { Kysely } from 'kysely'
import { judgeConfirmationCode, refusalError } from '@liaison/core'
import type { CodeToSend } from '../citizens/citizenSender.ts'
import { citizenLanguageOf } from '../citizens/citizenTexts.ts'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import { manageUrlOf, unsubscribeUrlOf } from '../citizens/CitizenDeps.ts'
import { confirmationCodeHash, newConfirmationCode } from '../citizens/subscriberSecrets.ts'
import type { Database } from '../store/schema.ts'
import type { SubscriberAddressRow } from '../store/citizens/subscriberRows.ts'
import { countWrongCode, setCode } from '../store/citizens/subscriberRows.ts'
import { keepChanges } from './runAction.ts'

/** The confirmation codes of a subscriber's phone and e-mail addresses (decision 040). */

/**
 * Judges the code given for an address (core's `judgeConfirmationCode`) and refuses a wrong,
 * expired or spent one: a wrong code is counted, and the count commits with its refusal.
 * `confirmedAt` is the address's confirmation as the rule should see it (`null` when a confirmed
 * address is being claimed again with a new code).
 */
export async function checkAddressCode(
  tx: Kysely<Database>,
  address: SubscriberAddressRow,
  code: string,
  at: Date,
  confirmedAt: Date | null = address.confirmed_at,
  /** false on the claim route: an expired or spent code answers as a wrong one, telling no one who is registered. */
  tellWhy = true,
): Promise<void> {
  const judged = judgeConfirmationCode(
    {
      confirmedAt,
      codeHash: address.code_hash,
      expiresAt: address.code_expires_at,
      attempts: address.code_attempts,
    },
    confirmationCodeHash(address.id, code),
    at,
  )
  if (judged.ok) return
  if (judged.error === 'confirmation_code_wrong') {
    await countWrongCode(tx, address.id)
    throw keepChanges(refusalError(judged.error, 'body/code: the confirmation code is wrong'))
  }
  throw tellWhy
    ? refusalError(judged.error)
    : refusalError('confirmation_code_wrong', 'body/code: the confirmation code is wrong')
}

/** A phone or e-mail address as a code's message names it. */
export interface CodeAddress {
  readonly id: string
  readonly subscriberId: string
  readonly kind: 'sms' | 'email'
  readonly address: string
  readonly unsubscribeToken: string
}

/** A new code for an address: the code to send and the hash the address keeps. */
export function newCodeFor(addressId: string): { readonly code: string; readonly hash: string } {
  const code = newConfirmationCode()
  return { code, hash: confirmationCodeHash(addressId, code) }
}

/** The message that carries `code` to an address, to be sent after the commit. */
export function codeMessage(
  deps: CitizenDeps,
  address: CodeAddress,
  languages: readonly string[],
  purpose: CodeToSend['purpose'],
  code: string,
): CodeToSend {
  return {
    subscriberId: address.subscriberId,
    addressId: address.id,
    kind: address.kind,
    to: address.address,
    language: citizenLanguageOf(languages),
    code,
    purpose,
    unsubscribeUrl: unsubscribeUrlOf(deps, address.unsubscribeToken),
    manageUrl: manageUrlOf(deps),
  }
}

/**
 * Gives a phone or e-mail address a new code valid until `expiresAt` (the old one no longer
 * works), and the message that carries it, to be sent after the commit.
 */
export async function newAddressCode(
  tx: Kysely<Database>,
  deps: CitizenDeps,
  address: CodeAddress,
  languages: readonly string[],
  purpose: CodeToSend['purpose'],
  expiresAt: Date,
): Promise<CodeToSend> {
  const { code, hash } = newCodeFor(address.id)
  await setCode(tx, address.id, hash, expiresAt)
  return codeMessage(deps, address, languages, purpose, code)
}
