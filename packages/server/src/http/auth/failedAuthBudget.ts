import type { ErrorCode } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import { auditRefusal } from '../../audit/auditRefusal.ts'
import { countInWindow, sweepRateLimits } from '../../store/rateLimitRows.ts'
import type { AppDeps } from '../AppDeps.ts'

/** The refusals that spend a source's budget: a credential that is not (or no longer) good, a forged change. */
export const failedAuthCodes: ReadonlySet<ErrorCode> = new Set([
  'session_invalid',
  'session_expired',
  'csrf_failed',
])

interface Spent {
  /** This process's clock: until when the source is refused. */
  readonly until: number
  /** The window's end in the database, in microseconds: the same id in every process. */
  readonly window: string
}

/** How many counts between two sweeps of the windows that ended long ago. */
const sweepEvery = 500

/**
 * A budget of failed authentications per source address and window, counted in the database
 * (table rate_limits), so that every process of the node shares it (decision 009). Past it, the
 * source's requests that carry a credential are answered 429 before any token or session is
 * looked up, from this process's memory: nothing is written per request. The audit gets one row
 * when the refusing starts (from the process whose failure crossed the budget); the refusals
 * themselves are counted by refusalTally, one audit row per source and window (decision 020).
 * Callers that authenticate do not touch the counter at all.
 */
export function failedAuthBudget(deps: AppDeps) {
  const limit = deps.config.http.authFailuresPerAddress
  const windowSeconds = deps.config.http.authFailureWindowSeconds
  const db = deps.store.db
  const spent = new Map<string, Spent>()
  let counted = 0

  const sweep = () => {
    if (++counted % sweepEvery !== 0) return
    const now = Date.now()
    for (const [source, entry] of spent) if (entry.until <= now) spent.delete(source)
    sweepRateLimits(db).catch(() => {})
  }
  const refusal = (source: string, ttlMs: number) =>
    new LiaisonError(
      'rate_limited',
      `too many failed authentications from ${source}; try again in ${Math.max(1, Math.ceil(ttlMs / 1000))} s`,
    )
  const windowEnd = (window: string) => new Date(Number(BigInt(window) / 1000n)).toISOString()

  /** Counts a failure in the shared window; past the budget, marks the source spent here and refuses. */
  const countFailure = async (source: string): Promise<LiaisonError | null> => {
    const row = await countInWindow(db, `auth-failures ${source}`, windowSeconds * 1000)
    sweep()
    if (row.count <= limit) return null
    const entry = { until: Date.now() + Math.max(0, row.ttl), window: row.window_end }
    spent.set(source, entry)
    // the failure that crossed the budget, in whichever process: the refusing starts
    if (row.count === limit + 1)
      await auditRefusal(deps, {
        actor: { kind: 'anonymous', label: 'request' },
        action: 'http:authentication',
        error: new LiaisonError(
          'rate_limited',
          `more than ${limit} failed authentications from ${source} in ${windowSeconds} s: its requests with a credential are refused until ${windowEnd(entry.window)}`,
        ),
        source,
        details: { limit, windowSeconds, until: windowEnd(entry.window) },
      })
    return refusal(source, entry.until - Date.now())
  }

  return {
    /** The refusal to answer at once when this source has spent its budget (as far as this process knows), or null. */
    spent(source: string): LiaisonError | null {
      const entry = spent.get(source)
      if (!entry) return null
      if (Date.now() >= entry.until) {
        spent.delete(source)
        return null
      }
      return refusal(source, entry.until - Date.now())
    },

    /** Counts a failed authentication: null while within the budget, else the refusal to answer. */
    async failed(source: string): Promise<LiaisonError | null> {
      try {
        return await countFailure(source)
      } catch (error) {
        // a store that does not answer fails the request on its own; counting never turns a 401 into a 500
        deps.log.error({ err: error, source }, 'could not count a failed authentication')
        return null
      }
    },
  }
}
