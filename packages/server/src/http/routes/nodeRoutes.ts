import { NodeBody } from '@liaison/wire'
import { findCentre } from '../../store/organisations/organisationRows.ts'
import { liaisonVersion } from '../../version.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { presentOrganisation } from '../organisationPresenter.ts'

export function nodeRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/node',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['node'],
        summary: 'Which node this is: its id, its centre, its version, its public signing key',
        response: {
          200: NodeBody,
        },
      },
    },
    async () => {
      const centre = await findCentre(deps.store.db, deps.nodeId)
      return {
        id: deps.nodeId,
        name: centre?.name ?? deps.config.node.name,
        country: deps.config.node.country,
        centre: centre ? presentOrganisation(centre) : null,
        version: liaisonVersion,
        signingKey: {
          algorithm: 'Ed25519' as const,
          publicKey: deps.signingKey.publicKey,
          fingerprint: deps.signingKey.fingerprint,
        },
      }
    },
  )
}
