import { FederationNodeDocument } from '@liaison/wire'
import { nodeDocument } from '../../federation/nodeDocument.ts'
import { findCentre } from '../../store/organisations/organisationRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'

/**
 * The federation API a peer node calls (issue 9; docs/federation.md). For now the signed node
 * document only; per-peer streams, push and pull come next, signed with RFC 9421.
 */
export function federationRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/federation/v1/node',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['federation'],
        summary: "This node's signed identity document: its keys (current and retired) and organisations",
        response: { 200: FederationNodeDocument },
      },
    },
    async (_req, reply) => {
      const centre = await findCentre(deps.store.db, deps.nodeId)
      void reply.header('cache-control', 'no-store')
      return nodeDocument({
        db: deps.store.db,
        nodeId: deps.nodeId,
        name: centre?.name ?? deps.config.node.name,
        signingKey: deps.signingKey,
        at: deps.clock.now(),
      })
    },
  )
}
