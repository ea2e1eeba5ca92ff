import type { Caller, Organisation } from '@liaison/core'
import { allowListFor, callerActor } from '@liaison/core'
import { findCentre, findOrganisation } from '../store/organisations/organisationRows.ts'
import { setGrantableRolesRow } from '../store/organisations/organisationWrites.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'

/**
 * The centre's administrator (or the operator) sets which roles a partner organisation's own
 * administrators may grant: its allow-list (core's grantRoles.ts). Roles already held stay held.
 */
export async function setGrantableRoles(
  deps: ActionDeps,
  input: {
    readonly caller: Caller
    readonly orgCode: string
    readonly roles: readonly string[]
    readonly source: string | null
  },
): Promise<Organisation> {
  return runAction(
    deps,
    { action: 'organisation.grantable-roles', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      ctx.target(input.orgCode, null)
      const centre = await findCentre(ctx.tx, deps.nodeId)
      // only the centre's administrators decide what a partner may grant
      requirePermission(input.caller, 'users.manage', centre?.id ?? null)
      const org = await findOrganisation(ctx.tx, deps.nodeId, { code: input.orgCode })
      if (!org) return refuse('not_found', `no organisation with code '${input.orgCode}' on this node`)
      ctx.target(org.id, org.id)
      const decided = allowListFor(org, input.roles)
      if (!decided.ok) {
        const refusal = decided.error
        switch (refusal.reason) {
          case 'not_a_role': {
            const problems = refusal.values.map((v) => `roles: '${v}' is not a role`)
            return refuse('validation_failed', problems.join('; '), { problems })
          }
          case 'centre_unrestricted':
            return refuseBecause(
              'centre_unrestricted',
              "the centre's administrators grant any role; it has no allow-list",
            )
          default: {
            const exhaustive: never = refusal
            return exhaustive
          }
        }
      }
      const grantableRoles = decided.value
      await setGrantableRolesRow(ctx.tx, org.id, grantableRoles)
      ctx.target(org.id, org.id, { code: org.code, before: org.grantableRoles, after: grantableRoles })
      return { ...org, grantableRoles }
    },
  )
}
