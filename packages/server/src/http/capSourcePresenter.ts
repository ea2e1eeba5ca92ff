import { capSourceState } from '@liaison/core'
import type { CapSourceBody } from '@liaison/wire'
import type { Static } from 'typebox'
import type { CapSourceRow } from '../store/alerts/capSourceRows.ts'
import { capSourcePolling } from '../store/alerts/capSourceRows.ts'

/** How a source is in the store, as the API shows it, with its state at `now` (decision 031). */
export function presentCapSource(row: CapSourceRow, now: Date): Static<typeof CapSourceBody> {
  const iso = (at: Date | null) => (at === null ? null : at.toISOString())
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    pollSeconds: row.poll_seconds,
    staleAfterSeconds: row.stale_after_seconds,
    enabled: row.enabled,
    state: capSourceState(capSourcePolling(row), now),
    lastFetchedAt: iso(row.last_fetched_at),
    lastAnsweredAt: iso(row.last_answered_at),
    lastChangedAt: iso(row.last_changed_at),
    lastErrorAt: iso(row.last_error_at),
    lastError: row.last_error,
    skipped: row.skipped.map(({ url, reason }) => ({ url, reason })),
    createdAt: row.created_at.toISOString(),
  }
}
