import type { PhoneNumberRefusal, Result } from '@liaison/core'
import { checkPhoneNumber, err, ok, refusalReasons } from '@liaison/core'
import { isEmailAddress } from '../channels/email/isEmailAddress.ts'

export type AddressInput =
  | { readonly kind: 'sms'; readonly address: string }
  | { readonly kind: 'email'; readonly address: string }
  | {
      readonly kind: 'push'
      readonly subscription: { readonly endpoint: string; readonly keys: { p256dh: string; auth: string } }
    }

export interface NormalAddress {
  readonly kind: 'sms' | 'email' | 'push'
  /** E.164, a lower-cased e-mail address, or a push endpoint. */
  readonly address: string
  readonly pushKeys: { p256dh: string; auth: string } | null
}

/** An address as stored and compared: a phone number checked by core, an e-mail address by syntax. */
/** Why an address is refused: core's reason for a phone number, words for an e-mail address. */
export interface AddressProblem {
  readonly reason?: PhoneNumberRefusal
  readonly message: string
}

export function normaliseAddress(input: AddressInput): Result<NormalAddress, AddressProblem> {
  switch (input.kind) {
    case 'sms': {
      const checked = checkPhoneNumber(input.address)
      return checked.ok
        ? ok({ kind: 'sms', address: checked.value, pushKeys: null })
        : err({ reason: checked.error, message: refusalReasons[checked.error].summary })
    }
    case 'email': {
      const address = input.address.trim().toLowerCase()
      return isEmailAddress(address)
        ? ok({ kind: 'email', address, pushKeys: null })
        : err({ message: 'not an e-mail address' })
    }
    case 'push':
      return ok({
        kind: 'push',
        address: input.subscription.endpoint,
        pushKeys: { ...input.subscription.keys },
      })
  }
}
