import type { Actor, DomainEvent, EventDraft, RefusalReason, Result } from '@liaison/core'
import {
  actorLabel,
  actorOrgId,
  distributionProblem,
  eventSchemaVersion,
  isLiaisonError,
  LiaisonError,
  localAudience,
  refusalError,
  sharingRefusal,
} from '@liaison/core'
import type { Kysely } from 'kysely'
import { insertPendingAudit } from '../store/audit/auditLog.ts'
import { auditRefusal } from '../audit/auditRefusal.ts'
import { pendingEventRows } from '../store/events/eventRows.ts'
import { loadAudienceFacts } from '../store/audienceFacts.ts'
import { databaseRefusal } from '../store/databaseRefusal.ts'
import type { Database } from '../store/schema.ts'
import type { ActionDeps } from './ActionDeps.ts'

export interface ActionMeta {
  /** The verb, as audited: `organisation.add`. */
  readonly action: string
  readonly actor: Actor
  /** Where the request came from: an IP address, `cli`, `start-up`. */
  readonly source: string | null
}

/** What an action's body may do inside the transaction. */
export interface ActionContext {
  readonly tx: Kysely<Database>
  readonly at: Date
  newId(): string
  /**
   * Records an event; it is written with the audit row and published after commit. The draft
   * must say who may see it (its distribution; decision 014): one without is refused at once.
   */
  emit(draft: EventDraft): void
  /** Names the actor once it is known (a sign-in learns who it is). */
  actAs(actor: Actor): void
  /** Says what the audit row is about; its organisation defaults to the actor's. */
  target(target: string | null, orgId: string | null, details?: Record<string, unknown>): void
  /**
   * Tells the action's events who owns and takes part in a case it read in this transaction
   * and does not change (a log entry's case): their audience is then derived without reading it again.
   */
  knowCase(caseId: string, ownerAndParticipants: readonly string[]): void
}

interface AuditTarget {
  target: string | null
  orgId: string | null
  details: Record<string, unknown> | null
}

class KeptRefusal extends Error {
  constructor(readonly refusal: LiaisonError) {
    super(refusal.message)
  }
}

/**
 * A refusal whose changes must still commit (a failed sign-in counts towards lock-out): throw
 * what this returns. The audit row records the refusal in the same transaction.
 */
export function keepChanges(refusal: LiaisonError): Error {
  return new KeptRefusal(refusal)
}

/** Raises a refusal from inside an action body. */
export function refuse(code: LiaisonError['code'], message: string, details?: unknown): never {
  throw new LiaisonError(code, message, details)
}

/**
 * The value of a core rule's decision, or its refusal raised: the reason's code, the reason, and
 * the message (the reason's summary unless told; a function to say more, such as which report).
 */
export function unwrap<T, R extends RefusalReason>(
  decided: Result<T, R>,
  message?: string | ((reason: R) => string),
): T {
  if (decided.ok) return decided.value
  throw refusalError(decided.error, typeof message === 'function' ? message(decided.error) : message)
}

/** Raises an expected refusal for one of core's reasons (its code from the table, the reason in the body). */
export function refuseBecause(reason: RefusalReason, message?: string, details?: unknown): never {
  throw refusalError(reason, message, details)
}

/**
 * Runs one action: the body's state changes, its events and its audit row commit together.
 * A refusal (a LiaisonError thrown by the body) rolls the changes back and is audited in a
 * transaction of its own; an unexpected error is audited as failed.
 *
 * The events and the audit row are written unnumbered and lock nothing shared, so actions run in
 * parallel; after the commit the action wakes the node's sequencer and returns once its rows are
 * numbered and chained (decision 012), so whoever called it reads its events and its audit row.
 * Events reach the bus only then, in seq order, from the sequencer.
 */
export async function runAction<T>(
  deps: ActionDeps,
  meta: ActionMeta,
  body: (ctx: ActionContext) => Promise<T>,
): Promise<T> {
  const at = deps.clock.now()
  let actor = meta.actor
  let target: AuditTarget = { target: null, orgId: null, details: null }
  let kept: LiaisonError | null = null
  const auditId = deps.ids.next()
  const ticket = deps.sequencer.expect(auditId)
  let committed = false
  try {
    const result = await deps.store.db.transaction().execute(async (tx) => {
      const pending: EventDraft[] = []
      const knownCases = new Map<string, readonly string[]>()
      const ctx: ActionContext = {
        tx,
        at,
        newId: () => deps.ids.next(),
        emit(draft) {
          pending.push(checkedDraft(draft))
        },
        actAs(known) {
          actor = known
        },
        target(t, orgId, details) {
          target = { target: t, orgId, details: details ?? null }
        },
        knowCase(caseId, ownerAndParticipants) {
          knownCases.set(caseId, ownerAndParticipants)
        },
      }
      let value: T | undefined
      try {
        value = await body(ctx)
      } catch (error) {
        if (!(error instanceof KeptRefusal)) throw error
        kept = error.refusal
        pending.length = 0
      }
      const envelopesOf = await envelopes(deps, tx, pending, at, knownCases)
      // the sequencer adds the events' seqs to the details when it chains the row
      const details = kept ? { ...target.details, message: kept.message } : target.details
      await insertPendingAudit(
        tx,
        {
          id: auditId,
          at,
          actor: actorLabel(actor),
          orgId: target.orgId ?? actorOrgId(actor),
          action: meta.action,
          target: target.target,
          outcome: kept ? 'refused' : 'ok',
          code: kept?.code ?? null,
          source: meta.source,
          details,
        },
        pendingEventRows(envelopesOf, auditId),
      )
      return value as T
    })
    committed = true
    deps.sequencer.wake()
    await ticket.done
    if (kept) throw new KeptRefusal(kept)
    return result
  } catch (thrown) {
    if (!committed) ticket.cancel()
    if (thrown instanceof KeptRefusal) throw thrown.refusal
    const error = fromDatabaseError(thrown)
    const refused = isLiaisonError(error)
    await auditRefusal(deps, {
      actor,
      action: meta.action,
      error: refused ? error : undefined,
      source: meta.source,
      at,
      ...target,
    })
    if (!refused) deps.log.error({ err: error, action: meta.action }, 'action failed')
    throw error
  }
}

/**
 * Fail-closed: an event without a valid distribution, or with one its TLP forbids, is never
 * written. This is a fault in the action (every emit names one, and the compiler checks it), so it
 * fails the action rather than refusing the caller; the database refuses such rows too (m0021).
 */
function checkedDraft(draft: EventDraft): EventDraft {
  const distribution: unknown = draft.distribution
  const problem = distributionProblem(distribution)
  if (problem !== null) throw new Error(`event ${draft.body.kind} has no valid distribution (${problem})`)
  const refusal = sharingRefusal(draft.distribution, draft.tlp ?? defaultTlp)
  if (refusal !== null) throw new Error(`event ${draft.body.kind}: ${refusal}`)
  return draft
}

/** Need to know: what an event is unless its writer says otherwise. */
const defaultTlp = 'AMBER'

/**
 * The drafts as events: this node's, now, with the local audience derived from each one's
 * distribution (core's `localAudience`) and what the store says the distribution names, read in
 * the action's transaction, after its changes.
 */
async function envelopes(
  deps: ActionDeps,
  tx: Kysely<Database>,
  drafts: readonly EventDraft[],
  at: Date,
  cases: ReadonlyMap<string, readonly string[]>,
): Promise<DomainEvent[]> {
  if (drafts.length === 0) return []
  const facts = await loadAudienceFacts(
    tx,
    deps.nodeId,
    drafts.map((d) => d.distribution),
    { organisations: deps.organisations?.current() ?? null, owners: drafts.map((d) => d.orgId), cases },
  )
  return drafts.map((d) => ({
    id: deps.ids.next(),
    at,
    kind: d.body.kind,
    subject: d.subject,
    origin: deps.nodeId,
    orgId: d.orgId,
    status: d.status ?? 'actual',
    distribution: d.distribution,
    tlp: d.tlp ?? defaultTlp,
    schemaVersion: eventSchemaVersion,
    audience: localAudience(
      { origin: deps.nodeId, ownerOrgId: d.orgId, distribution: d.distribution },
      facts,
    ),
    body: d.body,
  }))
}

/**
 * Two writers can pass the same check at once; the database's constraints then decide. Those
 * outcomes are refusals like any other, not internal errors.
 */
function fromDatabaseError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code
  const constraint = (error as { constraint?: unknown } | null)?.constraint
  if (code === '23505') {
    return refusalError(
      'already_exists',
      `this already exists (${typeof constraint === 'string' ? constraint : 'unique constraint'})`,
    )
  }
  if (code === '40001' || code === '40P01') return refusalError('concurrent_change')
  return databaseRefusal(error) ?? error
}
