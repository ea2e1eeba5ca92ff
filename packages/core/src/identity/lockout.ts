/**
 * Progressive sign-in delays, per account AND source (the address a sign-in comes from). Failures
 * from one source slow down only that source for that account: an outsider guessing at an
 * officer's account cannot keep the officer (signing in from elsewhere) out. The account is named
 * by what was typed, known or not, so an unknown account and a delayed one answer alike.
 *
 * After `freeFailures` failures in a row, each further attempt from that source waits
 * `firstDelayMs`, doubling with each failure, up to `maxDelayMs`. A success clears the record;
 * failures are forgotten `forgetAfterMs` after the last one.
 */
export const signInDelayPolicy = {
  freeFailures: 5,
  firstDelayMs: 10_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
} as const

export type SignInDelayPolicy = { readonly [K in keyof typeof signInDelayPolicy]: number }

/** Failed sign-ins from one source for one account. */
export interface SignInFailures {
  readonly failures: number
  readonly lastFailureAt: Date
}

function current(record: SignInFailures | null, at: Date, policy: SignInDelayPolicy): number {
  if (!record) return 0
  return at.getTime() - record.lastFailureAt.getTime() >= policy.forgetAfterMs ? 0 : record.failures
}

/** The delay that `failures` failures in a row impose before the next attempt. */
export function delayAfter(failures: number, policy: SignInDelayPolicy = signInDelayPolicy): number {
  if (failures < policy.freeFailures) return 0
  const doublings = failures - policy.freeFailures
  // 2^doublings overflows nothing here: beyond ~40 doublings the cap has long applied
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(doublings, 40))
}

/** How long this source must still wait before trying this account again: 0 when it may try now. */
export function signInWaitMs(
  record: SignInFailures | null,
  at: Date,
  policy: SignInDelayPolicy = signInDelayPolicy,
): number {
  const failures = current(record, at, policy)
  if (failures === 0 || !record) return 0
  const until = record.lastFailureAt.getTime() + delayAfter(failures, policy)
  return Math.max(0, until - at.getTime())
}

/** The record after one more failed attempt (a wrong password or code). */
export function afterFailedSignIn(
  record: SignInFailures | null,
  at: Date,
  policy: SignInDelayPolicy = signInDelayPolicy,
): SignInFailures {
  return { failures: current(record, at, policy) + 1, lastFailureAt: at }
}
