/** After this many failed sign-ins in a row, the account is locked for `lockMs`. */
export const lockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 } as const

export interface SignInState {
  readonly failedCount: number
  readonly lockedUntil: Date | null
}

export function isLocked(state: SignInState, at: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > at
}

/** The state after a failed attempt: counting, and locking at the limit. */
export function afterFailure(state: SignInState, at: Date, policy = lockoutPolicy): SignInState {
  const failedCount = state.failedCount + 1
  return failedCount >= policy.maxFailures
    ? { failedCount: 0, lockedUntil: new Date(at.getTime() + policy.lockMs) }
    : { failedCount, lockedUntil: state.lockedUntil }
}

export function afterSuccess(): SignInState {
  return { failedCount: 0, lockedUntil: null }
}
