import type { Case } from './Case.ts'
import type { LogEntry } from './LogEntry.ts'

/** A report is drafted, revised while a draft, then approved and frozen. */
export type SitrepState = 'draft' | 'approved'

export interface Casualties {
  readonly dead: number
  readonly injured: number
  readonly missing: number
  readonly evacuated: number
}

/** The counts of a situation report, in the order it shows them. */
export const casualtyKinds = [
  'dead',
  'injured',
  'missing',
  'evacuated',
] as const satisfies readonly (keyof Casualties)[]

/**
 * A point-in-time situation report of a case: numbered per case, versioned while a draft,
 * frozen once a crisis manager approves it.
 */
export interface Sitrep {
  readonly id: string
  readonly caseId: string
  readonly number: number
  readonly version: number
  readonly state: SitrepState
  readonly periodFrom: Date
  readonly periodTo: Date
  readonly conditions: string
  readonly actions: string
  readonly needs: string
  readonly casualties: Casualties
  readonly resources: string
  readonly nextUpdateAt: Date | null
  readonly draftedBy: string
  readonly approvedBy: string | null
  readonly approvedAt: Date | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

export const noCasualties: Casualties = { dead: 0, injured: 0, missing: 0, evacuated: 0 }

/**
 * The first draft of a report: what the log recorded in the period, by discipline, oldest first;
 * entries corrected later are left out (their correction stands in for them).
 */
export function conditionsFromLog(
  entries: readonly LogEntry[],
  period: { from: Date; to: Date },
  formatTime: (at: Date) => string,
): string {
  const corrected = new Set(entries.map((e) => e.supersedes).filter((id): id is string => id !== null))
  const inPeriod = entries
    .filter((e) => !corrected.has(e.id) && e.recordedAt > period.from && e.recordedAt <= period.to)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
  const byDiscipline = new Map<string, LogEntry[]>()
  for (const e of inPeriod) byDiscipline.set(e.discipline, [...(byDiscipline.get(e.discipline) ?? []), e])
  return [...byDiscipline.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([discipline, list]) =>
        `${discipline}:\n${list.map((e) => `- ${formatTime(e.occurredAt)} ${e.text}`).join('\n')}`,
    )
    .join('\n\n')
}

export function casualtyProblems(c: Casualties): string[] {
  return (Object.entries(c) as [keyof Casualties, number][])
    .filter(([, n]) => !Number.isInteger(n) || n < 0 || n > 1_000_000)
    .map(([k]) => `casualties.${k}: must be a whole number from 0`)
}

/** The report as an EDXL-SitRep 1.0 shaped object (JSON), for systems that are not Liaison. */
export function sitrepAsEdxl(report: Sitrep, c: Case, preparedBy: { name: string; organisation: string }) {
  return {
    messageID: report.id,
    preparedBy: { personDetails: { name: preparedBy.name }, organisation: preparedBy.organisation },
    authorizedBy: report.approvedBy,
    reportPurpose: `Situation report ${report.number} on ${c.title}`,
    reportNumber: report.number,
    reportVersion: report.state === 'approved' ? 'Final' : 'Draft',
    forTimePeriod: {
      fromDateTime: report.periodFrom.toISOString(),
      toDateTime: report.periodTo.toISOString(),
    },
    incidentID: c.id,
    incidentLifecyclePhase: c.state === 'closed' ? 'Recovery' : 'Response',
    originatingMessageID: null,
    urgency: c.severity === 'critical' ? 'Immediate' : c.severity === 'major' ? 'Expected' : 'Future',
    severity:
      c.severity === 'critical'
        ? 'Extreme'
        : c.severity === 'major'
          ? 'Severe'
          : c.severity === 'moderate'
            ? 'Moderate'
            : 'Minor',
    reportConfidence: 'HighlyConfident',
    actionPlan: report.actions,
    nextContact: report.nextUpdateAt?.toISOString() ?? null,
    report: {
      type: 'SituationInformation',
      situationSummary: report.conditions,
      resourcesNeeded: report.needs,
      resourcesCommitted: report.resources,
      casualtyAndIllnessSummary: {
        fatalities: report.casualties.dead,
        injuries: report.casualties.injured,
        missing: report.casualties.missing,
        evacuated: report.casualties.evacuated,
      },
    },
    status: c.status === 'actual' ? 'Actual' : c.status === 'exercise' ? 'Exercise' : 'Test',
  }
}
