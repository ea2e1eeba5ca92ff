import type { BatchItemOutcome, Caller, GeoPoint, LogEntry, ReportedTime } from '@liaison/core'
import { callerActor } from '@liaison/core'
import type { ActionDeps } from './ActionDeps.ts'
import { appendLogEntryIn } from './appendLogEntry.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { runBatchAction } from './runBatchAction.ts'

export { maxLogBatchItems } from '@liaison/core'

export interface LogBatchItem {
  /** The client's own id for the entry: a second batch with this id skips it. */
  readonly id: string
  /** Null or absent: the daily log of the caller's organisation. */
  readonly caseId?: string | null | undefined
  readonly occurred?: ReportedTime | undefined
  readonly occurredAt?: Date | undefined
  readonly discipline: string
  readonly source: string
  readonly text: string
  readonly location?: GeoPoint | null | undefined
  readonly supersedes?: string | undefined
}

export interface AppendLogEntries {
  readonly caller: Caller
  readonly items: readonly LogBatchItem[]
  readonly requestSource: string | null
}

/**
 * Appends a batch of log entries (an import from another desk's tool, a day's entries typed
 * offline) in one action and one audit row: each item is applied, skipped as a replay of an
 * item id the organisation already sent, or refused with the reason a single append would give.
 */
export async function appendLogEntries(
  deps: ActionDeps,
  command: AppendLogEntries,
): Promise<BatchItemOutcome<LogEntry>[]> {
  return runBatchAction(
    deps,
    { action: 'log.append-batch', actor: callerActor(command.caller), source: command.requestSource },
    command.items,
    async () => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.write')
      return {
        scope: `log-entry:${caller.orgId}`,
        orgId: caller.orgId,
        async apply(ctx, item) {
          const entry = await appendLogEntryIn(ctx, { ...item, caller, caseId: item.caseId ?? null })
          return { value: entry, ref: entry.id }
        },
      }
    },
  )
}
