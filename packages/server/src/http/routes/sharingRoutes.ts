import type { Distribution } from '@liaison/core'
import { admission, canSeeCase, LiaisonError, refusalError } from '@liaison/core'
import { errorResponses, ExplainBody, ExplainRequestBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { findCase } from '../../store/cases/caseRows.ts'
import { loadFederationDirectory } from '../../store/federationDirectory.ts'
import type { App, AppDeps } from '../AppDeps.ts'

/** Sharing: who would see a draft item, and why (issue 9, capability 5). */
export function sharingRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/v1/sharing/explain',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['sharing'],
        summary:
          "Before sharing: which organisations of which nodes would see a draft item of the caller's organisation, and why",
        body: ExplainRequestBody,
        response: { 200: ExplainBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req): Promise<Static<typeof ExplainBody>> => {
      const caller = req.principal
      if (!caller) throw new LiaisonError('unauthenticated', 'sign in first')
      const b = req.body
      const distribution = b.distribution as Distribution
      // the case the item belongs to and the case it is shared with: the caller must take part
      const caseIds = [...new Set([b.caseId, distribution.kind === 'case' ? distribution.caseId : null])]
      for (const id of caseIds) {
        if (!id) continue
        const c = await findCase(deps.store.db, id)
        if (!c) throw new LiaisonError('not_found', `no case ${id}`)
        if (!canSeeCase(c, caller.orgId))
          throw refusalError('not_participant', 'your organisation does not take part in this case')
        if (id === b.caseId && c.status !== b.status)
          throw new LiaisonError(
            'validation_failed',
            `status: the case is ${c.status}; its items are ${c.status} too`,
          )
      }
      const dir = await loadFederationDirectory(deps.store.db, deps.nodeId, {
        distributions: [distribution],
        caseIds: caseIds.filter((id): id is string => typeof id === 'string'),
      })
      const a = admission(
        { origin: deps.nodeId, ownerOrgId: caller.orgId, distribution, tlp: b.tlp, status: b.status },
        dir,
      )
      const byId = new Map(dir.organisations.map((o) => [o.id, o]))
      return {
        organisations: a.organisations.flatMap((o) => {
          const org = byId.get(o.orgId)
          return org
            ? [
                {
                  id: org.id,
                  nodeId: org.nodeId,
                  code: org.code,
                  name: org.name,
                  kind: org.kind,
                  country: org.country,
                  sees: o.sees,
                  reason: o.reason,
                  through: o.through,
                },
              ]
            : []
        }),
        peers: a.peers.map((p) => ({ ...p, organisationIds: [...p.organisationIds] })),
      }
    },
  )
}
