import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { CaseState } from './Case.ts'

/** What a change of a case's state is, as audited: closing, re-opening, or a change of its details. */
export type CaseChange = 'case.close' | 'case.reopen' | 'case.update'

/** The action a requested change of a case is (a state asked for names its move; none is an update). */
export function caseChangeOf(state: CaseState | undefined): CaseChange {
  return state === 'closed' ? 'case.close' : state === 'open' ? 'case.reopen' : 'case.update'
}

/**
 * A case is open or closed: an open case is closed, a closed one re-opened. Asking for the state it
 * is in already changes nothing (`no_change`), which the owner is told rather than a silent success.
 */
export function changeCaseState(current: CaseState, to: CaseState): Result<CaseState, 'no_change'> {
  return current === to ? err('no_change') : ok(to)
}

/** A change of a case must change something: its state, who takes part, or its details. */
export function requireSomeChange(changed: readonly string[]): Result<void, 'no_change'> {
  return changed.length === 0 ? err('no_change') : ok(undefined)
}
