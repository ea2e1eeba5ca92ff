import type { ReportedTime } from '../time/ReportedTime.ts'
import type { Discipline, GeoPoint } from './Case.ts'

export const logSources = [
  'phone',
  'radio',
  'e-mail',
  'partner',
  'field',
  'media',
  'system',
  'other',
] as const
export type LogSource = (typeof logSources)[number]

/** The most entries one batch of log entries takes. */
export const maxLogBatchItems = 500

/**
 * One line of the main log (main courante / logboek). Never edited: a correction is a new entry
 * that supersedes it, and both stay visible.
 */
export interface LogEntry {
  readonly id: string
  /** Null: the duty desk's own daily log, outside any case. */
  readonly caseId: string | null
  readonly orgId: string
  readonly authorId: string
  readonly authorName: string
  /** When it happened, as reported (decision 015). */
  readonly occurred: ReportedTime
  /** `occurred.at`: the instant alone, for readers that sort and compare. */
  readonly occurredAt: Date
  readonly recordedAt: Date
  readonly discipline: Discipline
  readonly source: LogSource
  readonly text: string
  readonly location: GeoPoint | null
  readonly supersedes: string | null
}

export function logEntryProblems(
  input: { text: string; occurredAt: Date; recordedAt: Date; source: string; discipline: string },
  known: { disciplines: readonly string[] },
): string[] {
  const p: string[] = []
  const text = input.text.trim()
  if (text.length === 0 || text.length > 10_000) p.push('text: must be 1 to 10,000 characters')
  if (Number.isNaN(input.occurredAt.getTime())) p.push('occurredAt: not a valid time')
  else if (input.occurredAt.getTime() > input.recordedAt.getTime() + 5 * 60_000)
    p.push('occurredAt: must not be in the future')
  if (!(logSources as readonly string[]).includes(input.source))
    p.push(`source: must be one of ${logSources.join(', ')}`)
  if (!known.disciplines.includes(input.discipline))
    p.push(`discipline: '${input.discipline}' is not a discipline`)
  return p
}
