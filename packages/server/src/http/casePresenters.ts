import type { Case, LogEntry } from '@liaison/core'
import { crosswalk } from '@liaison/core'
import type { CaseBody, LogEntryBody } from '@liaison/wire'
import type { Static } from 'typebox'

export function presentCase(c: Case): Static<typeof CaseBody> {
  return {
    ...c,
    disciplines: [...c.disciplines],
    participants: [...c.participants],
    scalingCrosswalk: c.scaling ? crosswalk(c.scaling) : null,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }
}

/** Entries with, for each, the entry that corrects it (if any), from `corrections` (see correctionsOf). */
export function presentLog(entries: readonly LogEntry[], corrections: ReadonlyMap<string, string>) {
  return entries.map((e) => presentLogEntry(e, corrections.get(e.id) ?? null))
}

export function presentLogEntry(
  e: LogEntry,
  supersededBy: string | null = null,
): Static<typeof LogEntryBody> {
  return {
    ...e,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
    supersededBy,
  }
}
