import type { Actor, LiaisonError } from '@liaison/core'
import { actorLabel, actorOrgId } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { appendAudit, lockAuditHead } from './auditLog.ts'

/** Audits a refusal that happened outside any action (a rejected session, a forbidden route). */
export async function auditRefusal(
  deps: ActionDeps,
  input: {
    readonly actor: Actor
    readonly action: string
    readonly error: LiaisonError
    readonly source: string | null
    readonly target?: string
  },
): Promise<void> {
  try {
    await deps.store.db.transaction().execute(async (tx) => {
      const head = await lockAuditHead(tx)
      await appendAudit(
        tx,
        head,
        {
          id: deps.ids.next(),
          at: deps.clock.now(),
          actor: actorLabel(input.actor),
          orgId: actorOrgId(input.actor),
          action: input.action,
          target: input.target ?? null,
          outcome: 'refused',
          code: input.error.code,
          source: input.source,
          details: { message: input.error.message },
        },
        deps.sha256,
      )
    })
  } catch (error) {
    deps.log.error({ err: error, action: input.action }, 'could not audit a refusal')
  }
}
