import type { Caller, CapSource, NewCapSourceInput } from '@liaison/core'
import { actorLabel, callerActor, newCapSource } from '@liaison/core'
import type { CapSourceRow } from '../store/alerts/capSourceRows.ts'
import { findCentre } from '../store/organisations/organisationRows.ts'
import {
  deleteCapSource,
  findCapSource,
  findCapSourceByName,
  insertCapSource,
} from '../store/alerts/capSourceRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'

export interface AddCapSource {
  readonly source: NewCapSourceInput
  readonly caller: Caller
  readonly origin: string | null
}

/** Adds another authority's CAP feed for the node to poll (decision 031): the centre's administrators. */
export async function addCapSource(deps: ActionDeps, input: AddCapSource): Promise<CapSource> {
  return runAction(
    deps,
    { action: 'cap-source.add', actor: callerActor(input.caller), source: input.origin },
    async (ctx) => {
      // the node's own settings: the centre's administrators
      requirePermission(input.caller, 'users.manage', (await findCentre(ctx.tx, deps.nodeId))?.id ?? null)
      ctx.target(null, null, { name: input.source.name, url: input.source.url })
      const taken = await findCapSourceByName(ctx.tx, input.source.name.trim())
      const decided = newCapSource(input.source, {
        id: ctx.newId(),
        at: ctx.at,
        nameTaken: taken !== undefined,
      })
      if (!decided.ok) {
        const refusal = decided.error
        switch (refusal.reason) {
          case 'invalid':
            return refuse('validation_failed', refusal.problems.join('; '), { problems: refusal.problems })
          case 'name_taken':
            return refuseBecause('cap_source_name_taken', `a CAP source named '${refusal.name}' exists`)
          default: {
            const exhaustive: never = refusal
            return exhaustive
          }
        }
      }
      const source = decided.value
      const written = await insertCapSource(ctx.tx, {
        id: source.id,
        name: source.name,
        url: source.url,
        poll_seconds: source.pollSeconds,
        stale_after_seconds: source.staleAfterSeconds,
        enabled: source.enabled,
        skipped: JSON.stringify([]),
        created_at: source.createdAt,
        created_by: actorLabel(callerActor(input.caller)),
      })
      if (!written)
        return refuseBecause('cap_source_name_taken', `a CAP source named '${source.name}' exists`)
      ctx.target(source.id, null, { name: source.name, url: source.url })
      return source
    },
  )
}

/**
 * Removes a CAP source: the node stops polling it; the alerts read from it stay (without their
 * source), and leave the board only when cancelled or run out.
 */
export async function removeCapSource(
  deps: ActionDeps,
  input: { readonly id: string; readonly caller: Caller; readonly origin: string | null },
): Promise<CapSourceRow> {
  return runAction(
    deps,
    { action: 'cap-source.remove', actor: callerActor(input.caller), source: input.origin },
    async (ctx) => {
      requirePermission(input.caller, 'users.manage', (await findCentre(ctx.tx, deps.nodeId))?.id ?? null)
      ctx.target(input.id, null)
      const row = await findCapSource(ctx.tx, input.id)
      if (!row || !(await deleteCapSource(ctx.tx, row.id))) {
        return refuse('not_found', `no CAP source ${input.id} on this node`)
      }
      ctx.target(row.id, null, { name: row.name, url: row.url })
      return row
    },
  )
}
