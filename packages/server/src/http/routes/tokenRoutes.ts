import { LiaisonError } from '@liaison/core'
import {
  CreatedTokenBody,
  IdParams,
  NewTokenBody,
  NoContent,
  TokenBody,
  errorResponses,
  itemsBody,
} from '@liaison/wire'
import { createToken, revokeToken } from '../../actions/createToken.ts'
import { listTokens } from '../../store/identity/userRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { presentToken } from '../identityPresenters.ts'

export function tokenRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/tokens',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: "The API tokens of the caller's organisation",
        response: { 200: itemsBody(TokenBody), ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
      return { items: (await listTokens(deps.store.db, req.principal.orgId)).map(presentToken) }
    },
  )

  app.post(
    '/api/v1/tokens',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Create an API token; its secret is in this answer only',
        body: NewTokenBody,
        response: {
          201: CreatedTokenBody,
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const created = await createToken(deps, { caller: req.principal!, ...req.body, source: req.ip })
      return reply.status(201).send({ token: presentToken(created.token), secret: created.secret })
    },
  )

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await revokeToken(deps, { caller: req.principal!, tokenId: req.params.id, source: req.ip })
      return reply.status(204).send(null)
    },
  )
}
