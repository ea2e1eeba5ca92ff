import type { ErrorCode } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import { auditRefusal } from '../../audit/auditRefusal.ts'
import type { AppDeps } from '../AppDeps.ts'

/** The flush of a window waits this long past its end, for the refusals still being answered. */
const flushDelayMs = 500

interface Window {
  readonly start: number
  readonly end: number
  /** Per source address: how many refusals of each code. */
  readonly sources: Map<string, Map<ErrorCode, number>>
  timer: NodeJS.Timeout | null
}

/**
 * Counts the anonymous refusals of authentication (a credential that names nobody, a source past
 * its budget) per source address and window, in this process's memory, and writes ONE audit row
 * per source and window when the window ends ("312 requests refused from 10.0.0.7 between 05:00:00
 * and 05:01:00"), instead of one row each. Windows are `http.authFailureWindowSeconds` long,
 * aligned on the clock. Refusals of callers who are known (a revoked token, a forbidden request,
 * a failed CSRF check) are not counted here: they stay one audit row each.
 */
export function refusalTally(deps: AppDeps) {
  const windowMs = deps.config.http.authFailureWindowSeconds * 1000
  const windows = new Map<number, Window>()

  const write = async (window: Window) => {
    windows.delete(window.start)
    if (window.timer) clearTimeout(window.timer)
    const from = new Date(window.start).toISOString()
    const until = new Date(window.end).toISOString()
    for (const [source, codes] of window.sources) {
      const refused = [...codes.values()].reduce((a, b) => a + b, 0)
      // the row's code: the commonest refusal; every code's count is in the details
      const [code] = [...codes].reduce((a, b) => (b[1] > a[1] ? b : a))
      await auditRefusal(deps, {
        actor: { kind: 'anonymous', label: 'request' },
        action: 'http:authentication',
        error: new LiaisonError(
          code,
          `${refused} request${refused === 1 ? ' was' : 's were'} refused authentication from ${source} between ${from} and ${until}`,
        ),
        source,
        details: { refused, codes: Object.fromEntries(codes), from, until },
      })
    }
  }

  return {
    /** Counts one anonymous refusal of `source`; its window's row is written when the window ends. */
    count(source: string, code: ErrorCode): void {
      const now = deps.clock.now().getTime()
      const start = Math.floor(now / windowMs) * windowMs
      let window = windows.get(start)
      if (!window) {
        const created: Window = { start, end: start + windowMs, sources: new Map(), timer: null }
        created.timer = setTimeout(
          () => {
            void write(created).catch((error: unknown) =>
              deps.log.error({ err: error }, 'could not audit the counted refusals'),
            )
          },
          created.end - now + flushDelayMs,
        )
        created.timer.unref()
        windows.set(start, created)
        window = created
      }
      let codes = window.sources.get(source)
      if (!codes) {
        codes = new Map()
        window.sources.set(source, codes)
      }
      codes.set(code, (codes.get(code) ?? 0) + 1)
    },

    /** Writes every window still counting (on shutdown, while the store is still open). */
    async flush(): Promise<void> {
      for (const window of [...windows.values()]) await write(window)
    },
  }
}
