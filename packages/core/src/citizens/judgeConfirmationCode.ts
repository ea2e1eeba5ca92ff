import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'

/** How many wrong codes an address may be given before its code is spent. */
export const maxCodeAttempts = 5

/** What the store holds of an address's pending confirmation. */
export interface PendingConfirmation {
  readonly confirmedAt: Date | null
  readonly codeHash: string | null
  readonly expiresAt: Date | null
  /** Wrong codes given so far. */
  readonly attempts: number
}

export type ConfirmationRefusal =
  | 'address_already_confirmed'
  | 'confirmation_code_wrong'
  | 'confirmation_code_expired'
  | 'confirmation_attempts_exhausted'

/**
 * Whether a code entered for an address confirms it: compared by hash (the caller hashes what was
 * entered), refused once it expired or after `maxCodeAttempts` wrong ones. A wrong code is
 * counted by the caller, which keeps that count even though it refuses.
 */
export function judgeConfirmationCode(
  pending: PendingConfirmation,
  givenHash: string,
  at: Date,
): Result<'confirmed', ConfirmationRefusal> {
  if (pending.confirmedAt !== null) return err('address_already_confirmed')
  if (pending.attempts >= maxCodeAttempts) return err('confirmation_attempts_exhausted')
  if (pending.codeHash === null || pending.expiresAt === null || pending.expiresAt.getTime() <= at.getTime())
    return err('confirmation_code_expired')
  if (pending.codeHash !== givenHash) return err('confirmation_code_wrong')
  return ok('confirmed')
}
