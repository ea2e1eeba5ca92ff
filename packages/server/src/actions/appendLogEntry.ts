import type { Caller, Distribution, EventStatus, GeoPoint, LogEntry, ReportedTime } from '@liaison/core'
import { callerActor, disciplines, logEntryProblems } from '@liaison/core'
import { findCase, insertLogEntryByAuthor, logEntryPlace, toLogEntry } from '../store/cases/caseRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requireCaseWrite } from './requireCaseWrite.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import type { ActionContext } from './runAction.ts'
import { refuse, runAction } from './runAction.ts'

export interface AppendLogEntry {
  readonly caller: Caller
  /** Null: the duty desk's daily log of the caller's organisation. */
  readonly caseId: string | null
  /** When it happened, as reported (decision 015); wins over `occurredAt`. */
  readonly occurred?: ReportedTime | undefined
  /** When it happened, as an instant only (exact, zone unknown). Neither: defaulted to now. */
  readonly occurredAt?: Date | undefined
  readonly discipline: string
  readonly source: string
  readonly text: string
  readonly location?: GeoPoint | null | undefined
  /** The entry this one corrects; both stay visible. */
  readonly supersedes?: string | undefined
  readonly requestSource: string | null
}

/** Appends to a case's log (an organisation taking part) or to the daily log. Entries are never edited. */
export async function appendLogEntry(deps: ActionDeps, command: AppendLogEntry): Promise<LogEntry> {
  return runAction(
    deps,
    { action: 'log.append', actor: callerActor(command.caller), source: command.requestSource },
    (ctx) => appendLogEntryIn(ctx, command),
  )
}

/** The body of appendLogEntry, inside an action: also one item of a batch (appendLogEntries). */
export async function appendLogEntryIn(
  ctx: ActionContext,
  command: Omit<AppendLogEntry, 'requestSource'>,
): Promise<LogEntry> {
  const caller = requirePerson(command.caller)
  requirePermission(caller, 'cases.write')
  ctx.target(command.caseId, caller.orgId)
  let distribution: Distribution = { kind: 'organisation' }
  let status: EventStatus = 'actual'
  if (command.caseId !== null) {
    const c = await findCase(ctx.tx, command.caseId)
    if (!c) return refuse('not_found', `no case ${command.caseId}`)
    requireCaseWrite(caller, c)
    ctx.knowCase(c.id, [c.ownerOrgId, ...c.participants])
    distribution = { kind: 'case', caseId: c.id }
    status = c.status
  }
  const occurred: ReportedTime =
    command.occurred ??
    (command.occurredAt
      ? { at: command.occurredAt, zone: 'Z', qualifier: 'exact' }
      : { at: ctx.at, zone: 'Z', qualifier: 'defaulted' })
  const occurredAt = occurred.at
  const problems = logEntryProblems(
    {
      text: command.text,
      occurredAt,
      recordedAt: ctx.at,
      source: command.source,
      discipline: command.discipline,
    },
    { disciplines },
  )
  if (command.location && !(Math.abs(command.location.lat) <= 90 && Math.abs(command.location.lon) <= 180))
    problems.push('location: out of range')
  if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
  if (command.supersedes) {
    const earlier = await logEntryPlace(ctx.tx, command.supersedes)
    if (!earlier || earlier.case_id !== command.caseId)
      return refuse('validation_failed', 'supersedes: no such entry in this log')
    if (command.caseId === null && earlier.org_id !== caller.orgId)
      return refuse('validation_failed', 'supersedes: no such entry in this log')
  }
  const written = {
    id: ctx.newId(),
    case_id: command.caseId,
    org_id: caller.orgId,
    author_id: caller.userId,
    occurred_at: occurredAt,
    occurred_zone: occurred.zone,
    occurred_qualifier: occurred.qualifier,
    occurred_part: occurred.qualifier === 'part-of-day' ? occurred.part : null,
    occurred_until: occurred.qualifier === 'range' ? occurred.until : null,
    recorded_at: ctx.at,
    discipline: command.discipline,
    source: command.source,
    text: command.text.trim(),
    lon: command.location?.lon ?? null,
    lat: command.location?.lat ?? null,
    supersedes: command.supersedes ?? null,
  }
  // the author's name is read by the insert: one round trip less per entry
  const row = { ...written, author_name: await insertLogEntryByAuthor(ctx.tx, written) }
  const entry = toLogEntry(row)
  ctx.target(entry.id, caller.orgId, { caseId: command.caseId, supersedes: entry.supersedes })
  ctx.emit({
    body: { kind: 'log-entry.appended', entry },
    subject: entry.id,
    orgId: caller.orgId,
    distribution,
    status,
  })
  return entry
}
