import { Type } from 'typebox'
import { countries } from '@liaison/core'
import { findCentre } from '../../organisations/organisationRows.ts'
import { liaisonVersion } from '../../version.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { OrganisationBody, presentOrganisation } from '../schemas.ts'

export function nodeRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/node',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['node'],
        summary: 'Which node this is: its id, its centre, its version, its public signing key',
        response: {
          200: Type.Object({
            id: Type.String(),
            name: Type.String(),
            country: Type.Enum(countries),
            centre: Type.Union([OrganisationBody, Type.Null()]),
            version: Type.String(),
            signingKey: Type.Object(
              {
                algorithm: Type.Literal('Ed25519'),
                publicKey: Type.String({ description: 'the raw 32-byte public key, base64' }),
                fingerprint: Type.String({ description: 'SHA-256 of the raw public key, hex' }),
              },
              { description: "the node's identity key, which signs its audit checkpoints" },
            ),
          }),
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
