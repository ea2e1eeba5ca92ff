import type { CapMessage } from '../api/alertsApi.ts'

/** The alert's headline in its first language (the event when it has none). */
export function headlineOf(cap: CapMessage): string {
  const first = cap.info[0]
  return first?.headline?.trim() || first?.event.trim() || ''
}
