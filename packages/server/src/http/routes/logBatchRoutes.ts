import type { BatchItemOutcome, LogEntry } from '@liaison/core'
import { batchSummary } from '@liaison/core'
import { LogBatchAnswerBody, LogBatchBody, errorResponses } from '@liaison/wire'
import { appendLogEntries, maxLogBatchItems } from '../../actions/appendLogEntries.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { presentLogEntry, reportedTimeInput } from '../casePresenters.ts'

function presentOutcome(o: BatchItemOutcome<LogEntry>) {
  switch (o.outcome) {
    case 'applied':
      return { id: o.id, outcome: o.outcome, entry: presentLogEntry(o.value) }
    case 'skipped-replay':
      return { id: o.id, outcome: o.outcome, entryId: o.ref }
    case 'refused':
      return {
        id: o.id,
        outcome: o.outcome,
        error: { code: o.code, message: o.message, ...(o.reason === undefined ? {} : { reason: o.reason }) },
      }
    default: {
      const exhaustive: never = o
      return exhaustive
    }
  }
}

/** The log's batch import: many entries in one request, an outcome per entry, one audit row. */
export function logBatchRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/v1/log/batch',
    {
      config: { auth: 'cases.write' },
      schema: {
        tags: ['log'],
        summary: `Append up to ${maxLogBatchItems} entries to the daily log or cases' logs, each with your own id; each is applied, skipped as a replay of an id already sent, or refused with its reason`,
        body: LogBatchBody,
        response: {
          200: LogBatchAnswerBody,
          ...errorResponses(400, 401, 403, 409, 413),
        },
      },
    },
    async (req) => {
      const outcomes = await appendLogEntries(deps, {
        caller: req.principal!,
        items: req.body.items.map((item, index) => ({
          ...item,
          occurredAt: undefined,
          occurred: reportedTimeInput(item.occurredAt, `body/items/${index}/occurredAt`),
        })),
        requestSource: req.ip,
      })
      const { applied, skipped, refused } = batchSummary(outcomes)
      return { applied, skipped, refused, items: outcomes.map(presentOutcome) }
    },
  )
}
