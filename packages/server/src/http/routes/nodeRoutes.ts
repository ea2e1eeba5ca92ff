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
        summary: 'Which node this is: its id, its centre, its version',
        response: {
          200: Type.Object({
            id: Type.String(),
            name: Type.String(),
            country: Type.Enum(countries),
            centre: Type.Union([OrganisationBody, Type.Null()]),
            version: Type.String(),
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
      }
    },
  )
}
