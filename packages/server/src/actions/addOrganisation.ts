import type { Caller, NewOrganisationInput, Organisation } from '@liaison/core'
import { callerActor, newOrganisation } from '@liaison/core'
import { publishedOrganisations } from '../federation/publishedOrganisations.ts'
import { peerPolicies } from '../store/federationDirectory.ts'
import { findCentre, findOrganisation } from '../store/organisations/organisationRows.ts'
import { insertOrganisation } from '../store/organisations/organisationWrites.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'

export interface AddOrganisation {
  readonly organisation: NewOrganisationInput
  readonly caller: Caller
  readonly source: string | null
}

/** Adds the node's centre or a partner organisation under it (the operator, or an administrator of the centre). */
export async function addOrganisation(deps: ActionDeps, input: AddOrganisation): Promise<Organisation> {
  return runAction(
    deps,
    { action: 'organisation.add', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      ctx.target(input.organisation.code, null)
      const centre = await findCentre(ctx.tx, deps.nodeId)
      // only the centre's administrators add organisations to the node
      requirePermission(input.caller, 'users.manage', centre?.id ?? null)
      const taken = await findOrganisation(ctx.tx, deps.nodeId, { code: input.organisation.code })
      const decided = newOrganisation(input.organisation, {
        id: ctx.newId(),
        nodeId: deps.nodeId,
        at: ctx.at,
        centre,
        codeTaken: taken !== null,
      })
      if (!decided.ok) {
        const refusal = decided.error
        switch (refusal.reason) {
          case 'invalid':
            return refuse('validation_failed', refusal.problems.join('; '), { problems: refusal.problems })
          case 'code_taken':
            return refuseBecause(
              'organisation_code_taken',
              `an organisation with code '${refusal.code}' already exists on this node`,
            )
          case 'centre_exists':
            return refuseBecause(
              'centre_exists',
              `this node already has its centre ('${refusal.centreCode}'); add partners instead`,
            )
          case 'no_centre':
            return refuseBecause('centre_missing', 'add the centre organisation first: partners sit under it')
          default: {
            const exhaustive: never = refusal
            return exhaustive
          }
        }
      }
      const org = decided.value
      await insertOrganisation(ctx.tx, org)
      ctx.target(org.id, org.id, { code: org.code })
      ctx.emit({
        body: { kind: 'organisation.added', organisation: org },
        subject: org.id,
        orgId: org.id,
        distribution: { kind: 'national' },
        tlp: 'GREEN',
      })
      // the peers, if any, are told the node's organisations as they now are (decision 045)
      if ((await peerPolicies(ctx.tx)).length > 0)
        ctx.emit({
          body: {
            kind: 'node.organisations-published',
            organisations: await publishedOrganisations(ctx.tx, deps.nodeId),
          },
          subject: deps.nodeId,
          orgId: centre?.id ?? org.id,
          distribution: { kind: 'federation' },
          tlp: 'CLEAR',
        })
      return org
    },
  )
}
