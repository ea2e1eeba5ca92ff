import type { Actor, DomainEvent, DomainEventBody, RefusalReason, Result } from '@liaison/core'
import { LiaisonError, actorLabel, actorOrgId, isLiaisonError, refusalError } from '@liaison/core'
import type { Kysely } from 'kysely'
import { insertPendingAudit } from '../audit/auditLog.ts'
import { auditRefusal } from '../audit/auditRefusal.ts'
import { insertPendingEvents } from '../events/eventRows.ts'
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
  /** Records an event; it is written with the audit row and published after commit. */
  emit(
    body: DomainEventBody,
    subject: string,
    orgId: string | null,
    audience?: readonly string[] | null,
  ): void
  /** Names the actor once it is known (a sign-in learns who it is). */
  actAs(actor: Actor): void
  /** Says what the audit row is about; its organisation defaults to the actor's. */
  target(target: string | null, orgId: string | null, details?: Record<string, unknown>): void
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
      const pending: DomainEvent[] = []
      const ctx: ActionContext = {
        tx,
        at,
        newId: () => deps.ids.next(),
        emit(eventBody, subject, orgId, audience = null) {
          pending.push({
            id: deps.ids.next(),
            at,
            kind: eventBody.kind,
            subject,
            orgId,
            body: eventBody,
            audience,
          })
        },
        actAs(known) {
          actor = known
        },
        target(t, orgId, details) {
          target = { target: t, orgId, details: details ?? null }
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
      await insertPendingEvents(tx, pending, auditId)
      // the sequencer adds the events' seqs to the details when it chains the row
      const details = kept ? { ...target.details, message: kept.message } : target.details
      await insertPendingAudit(tx, {
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
      })
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
