import type { Actor, LiaisonError } from '@liaison/core'
import { actorLabel, actorOrgId } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { insertPendingAudit } from '../store/audit/auditLog.ts'

/** Errors already written to the audit, so the HTTP edge does not write them twice. */
export const auditedErrors = new WeakSet<object>()

export interface Refusal {
  readonly actor: Actor
  readonly action: string
  /** The refusal; absent when the action failed unexpectedly (outcome `failed`, code `internal`). */
  readonly error: LiaisonError | undefined
  readonly source: string | null
  readonly at?: Date | undefined
  readonly target?: string | null | undefined
  readonly orgId?: string | null | undefined
  readonly details?: Record<string, unknown> | null | undefined
}

/**
 * Audits, in a statement of its own (chained by the sequencer, decision 012), what was refused or failed: a rolled-back action, a
 * rejected session, a forbidden route. A failure to audit is logged, never thrown over the refusal.
 */
export async function auditRefusal(deps: ActionDeps, refusal: Refusal): Promise<void> {
  if (refusal.error) auditedErrors.add(refusal.error)
  const id = deps.ids.next()
  const ticket = deps.sequencer.expect(id)
  try {
    await insertPendingAudit(deps.store.db, {
      id,
      at: refusal.at ?? deps.clock.now(),
      actor: actorLabel(refusal.actor),
      orgId: refusal.orgId ?? actorOrgId(refusal.actor),
      action: refusal.action,
      target: refusal.target ?? null,
      outcome: refusal.error ? 'refused' : 'failed',
      code: refusal.error?.code ?? 'internal',
      source: refusal.source,
      details: refusal.error
        ? {
            ...refusal.details,
            message: refusal.error.message,
            ...(refusal.error.reason === undefined ? {} : { reason: refusal.error.reason }),
          }
        : (refusal.details ?? null),
    })
    deps.sequencer.wake()
    await ticket.done
  } catch (error) {
    ticket.cancel()
    deps.log.error({ err: error, action: refusal.action }, 'could not audit a refusal')
  }
}
