import type { BatchItemOutcome, LogEntry } from '@liaison/core'
import { batchSummary, errorCodes, refusalReasons } from '@liaison/core'
import { Type } from 'typebox'
import { appendLogEntries, maxLogBatchItems } from '../../actions/appendLogEntries.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { LogEntryBody, NewLogEntryBody, presentLogEntry } from '../caseSchemas.ts'
import { errorResponses } from '../schemas.ts'

/** A client's id for an entry: 1 to 128 printable ASCII characters, no spaces. */
const ItemId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[!-~]+$' })

const LogBatchItemBody = Type.Object(
  {
    id: ItemId,
    caseId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    ...NewLogEntryBody.properties,
  },
  { additionalProperties: false },
)

const LogBatchOutcomeBody = Type.Object({
  id: Type.String(),
  outcome: Type.Enum(['applied', 'skipped-replay', 'refused']),
  /** applied: the entry as written. */
  entry: Type.Optional(LogEntryBody),
  /** skipped-replay: the entry the item made when it was first applied. */
  entryId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** refused: why, as a single append would answer. */
  error: Type.Optional(
    Type.Object({
      code: Type.Enum(Object.keys(errorCodes)),
      message: Type.String(),
      reason: Type.Optional(Type.Enum(Object.keys(refusalReasons))),
    }),
  ),
})

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
        body: Type.Object(
          { items: Type.Array(LogBatchItemBody, { minItems: 1, maxItems: maxLogBatchItems }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            applied: Type.Integer(),
            skipped: Type.Integer(),
            refused: Type.Integer(),
            items: Type.Array(LogBatchOutcomeBody),
          }),
          ...errorResponses(400, 401, 403, 409, 413),
        },
      },
    },
    async (req) => {
      const outcomes = await appendLogEntries(deps, {
        caller: req.principal!,
        items: req.body.items.map((item) => ({
          ...item,
          occurredAt: item.occurredAt ? new Date(item.occurredAt) : undefined,
        })),
        requestSource: req.ip,
      })
      const { applied, skipped, refused } = batchSummary(outcomes)
      return { applied, skipped, refused, items: outcomes.map(presentOutcome) }
    },
  )
}
