/** What the node knows of one CAP source's polling (decision 031). */
export interface CapSourcePolling {
  readonly enabled: boolean
  readonly staleAfterSeconds: number
  readonly createdAt: Date
  /** The last request that got an answer (200 or 304). */
  readonly lastAnsweredAt: Date | null
  /** The last answer whose content differed from the one before (a 200 with another body). */
  readonly lastChangedAt: Date | null
  /** The last request that failed (no answer, a timeout, an error status, a feed not read). */
  readonly lastErrorAt: Date | null
}

/**
 * - `waiting`: not asked yet, and added less than its stale-after ago (or disabled, never asked);
 * - `ok`: it answers, and its feed changed within its stale-after;
 * - `failing`: its last request failed, but it answered within its stale-after;
 * - `stale`: it has not answered for longer than its stale-after, or its feed has not changed
 *   for longer than that: what it says may no longer be current.
 */
export type CapSourceState = 'waiting' | 'ok' | 'failing' | 'stale'

export const capSourceStates = ['waiting', 'ok', 'failing', 'stale'] as const

/** The state of a source at `now` (decision 031): a disabled source is never polled, so never ok. */
export function capSourceState(source: CapSourcePolling, now: Date): CapSourceState {
  const limitMs = source.staleAfterSeconds * 1000
  const age = (at: Date | null) => now.getTime() - (at ?? source.createdAt).getTime()
  const neverAsked = source.lastAnsweredAt === null && source.lastErrorAt === null
  if (neverAsked && (age(null) <= limitMs || !source.enabled)) return 'waiting'
  if (age(source.lastAnsweredAt) > limitMs || age(source.lastChangedAt) > limitMs) return 'stale'
  const failed =
    source.lastErrorAt !== null &&
    (source.lastAnsweredAt === null || source.lastErrorAt.getTime() >= source.lastAnsweredAt.getTime())
  return failed ? 'failing' : 'ok'
}

/** Is a source's word to be doubted (decision 031): stale, or never answered yet. */
export function capSourceStale(state: CapSourceState): boolean {
  return state === 'stale'
}
