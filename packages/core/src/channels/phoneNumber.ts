import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'

/**
 * The countries whose numbers Liaison sends to: Benelux and its neighbours. For each, the
 * number of digits after the country code (the national significant number, ITU-T E.164).
 */
export const servedCallingCodes = {
  '32': { country: 'BE', digits: [8, 9] },
  '31': { country: 'NL', digits: [9, 9] },
  '352': { country: 'LU', digits: [4, 11] },
  '33': { country: 'FR', digits: [9, 9] },
  '49': { country: 'DE', digits: [6, 13] },
} as const satisfies Record<string, { country: string; digits: readonly [number, number] }>

export type PhoneNumberRefusal = 'phone_number_malformed' | 'phone_country_not_served'

/**
 * A phone number in E.164 form (`+32470123456`), from what a person or a file gives: spaces,
 * dots, hyphens and brackets are dropped, a leading `00` is read as `+`. Refused when it is not
 * a `+`, a country code and digits (at most 15 in all, no leading zero after the code), or when
 * the country is not served or its length is not that country's.
 */
export function checkPhoneNumber(input: string): Result<string, PhoneNumberRefusal> {
  if (input.length > 40) return err('phone_number_malformed')
  const compact = input.replace(/[\s.\-()/]/g, '').replace(/^00/, '+')
  if (!/^\+[1-9]\d{5,14}$/.test(compact)) return err('phone_number_malformed')
  const digits = compact.slice(1)
  for (const [code, rule] of Object.entries(servedCallingCodes)) {
    if (!digits.startsWith(code)) continue
    const national = digits.slice(code.length)
    const [min, max] = rule.digits
    if (national.startsWith('0') || national.length < min || national.length > max) {
      return err('phone_number_malformed')
    }
    return ok(compact)
  }
  return err('phone_country_not_served')
}
