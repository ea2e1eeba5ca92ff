import type { Case, LogEntry, ReportedTime } from '@liaison/core'
import { LiaisonError, crosswalk, reportedTimeFromWire, reportedTimeToWire } from '@liaison/core'
import type { CaseBody, LogEntryBody, ReportedTimeBody } from '@liaison/wire'
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
    occurred: reportedTimeToWire(e.occurred),
    recordedAt: e.recordedAt.toISOString(),
    supersededBy,
  }
}

/**
 * A reported time from a request: a plain time with an offset is exact (what clients sent before
 * decision 015), an object says more. Refused as `validation_failed`, naming `field`.
 */
export function reportedTimeInput(
  value: string | Static<typeof ReportedTimeBody> | undefined,
  field: string,
): ReportedTime | undefined {
  if (value === undefined) return undefined
  const wire = typeof value === 'string' ? { at: value } : value
  const refuse = (problem: string): never => {
    throw new LiaisonError('validation_failed', `${field}: ${problem}`, {
      problems: [`${field}: ${problem}`],
    })
  }
  const parsed =
    wire.qualifier === 'part-of-day'
      ? wire.part === undefined
        ? refuse('a part of the day needs its part')
        : reportedTimeFromWire({ at: wire.at, zone: wire.zone, qualifier: 'part-of-day', part: wire.part })
      : wire.qualifier === 'range'
        ? wire.until === undefined
          ? refuse('a range needs its end (until)')
          : reportedTimeFromWire({ at: wire.at, zone: wire.zone, qualifier: 'range', until: wire.until })
        : reportedTimeFromWire({ at: wire.at, zone: wire.zone, qualifier: wire.qualifier })
  return parsed.ok ? parsed.value : refuse(parsed.error.replaceAll('_', ' '))
}
