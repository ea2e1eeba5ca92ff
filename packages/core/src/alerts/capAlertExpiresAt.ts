import type { CapAlert } from './CapAlert.ts'

/**
 * When a CAP alert runs out (decision 031): the latest `expires` of its info blocks, when every
 * block gives one; null when one does not (that info stands until an Update or a Cancel) or the
 * alert has no info block (it says nothing that could be in force, which the board leaves out).
 */
export function capAlertExpiresAt(alert: Pick<CapAlert, 'info'>): Date | null {
  let latest: number | null = null
  for (const info of alert.info) {
    if (info.expires === undefined) return null
    const at = Date.parse(info.expires)
    if (Number.isNaN(at)) return null
    latest = latest === null ? at : Math.max(latest, at)
  }
  return latest === null ? null : new Date(latest)
}
