import { LiaisonError } from '@liaison/core'
import { findOrganisation, listOrganisations } from '../../store/organisations/organisationRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { addOrganisation } from '../../actions/addOrganisation.ts'
import { setGrantableRoles } from '../../actions/setGrantableRoles.ts'
import {
  GrantableRolesBody,
  NewOrganisationBody,
  OrganisationBody,
  OrganisationCodeParams,
  errorResponses,
  itemsBody,
} from '@liaison/wire'
import { presentOrganisation } from '../organisationPresenter.ts'

export function organisationRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: "This node's organisations: its centre and the partners under it",
        response: { 200: itemsBody(OrganisationBody) },
      },
    },
    async () => ({ items: (await listOrganisations(deps.store.db, deps.nodeId)).map(presentOrganisation) }),
  )

  app.get(
    '/api/v1/organisations/:code',
    {
      schema: {
        tags: ['organisations'],
        summary: 'One organisation, by its code',
        params: OrganisationCodeParams,
        response: { 200: OrganisationBody, ...errorResponses(404) },
      },
    },
    async (req) => {
      const org = await findOrganisation(deps.store.db, deps.nodeId, { code: req.params.code })
      if (!org)
        throw new LiaisonError('not_found', `no organisation with code '${req.params.code}' on this node`)
      return presentOrganisation(org)
    },
  )

  app.post(
    '/api/v1/organisations',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['organisations'],
        summary: "Add a partner organisation under the node's centre (an administrator of the centre)",
        body: NewOrganisationBody,
        response: { 201: OrganisationBody, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (req, reply) => {
      const org = await addOrganisation(deps, {
        caller: req.principal!,
        organisation: { ...req.body, country: req.body.country ?? deps.config.node.country },
        source: req.ip,
      })
      return reply.status(201).send(presentOrganisation(org))
    },
  )

  app.patch(
    '/api/v1/organisations/:code',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['organisations'],
        summary:
          "Set the roles a partner organisation's administrators may grant (an administrator of the centre)",
        params: OrganisationCodeParams,
        body: GrantableRolesBody,
        response: { 200: OrganisationBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentOrganisation(
        await setGrantableRoles(deps, {
          caller: req.principal!,
          orgCode: req.params.code,
          roles: req.body.grantableRoles,
          source: req.ip,
        }),
      ),
  )
}
