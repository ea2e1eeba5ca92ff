import { advanceAlerts } from '../actions/alerts.ts'
import type { ActionDeps } from '../actions/ActionDeps.ts'

/**
 * The alert clock (decision 029): every `everyMs`, approved alerts whose time has come are issued
 * and issued ones whose time ran out expire. One tick at a time; a failed tick is logged and the
 * next one tries again.
 */
export function startAlertClock(deps: ActionDeps, everyMs = 15_000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null
  const tick = () => {
    if (running) return
    running = advanceAlerts(deps)
      .then(() => undefined)
      .catch((error: unknown) => deps.log.error({ err: error }, 'the alert clock failed'))
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, everyMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
