import { LiaisonError } from '@liaison/core'
import {
  NewUserBody,
  UserBody,
  UserChangeBody,
  UserIdParams,
  UserResetBody,
  errorResponses,
  itemsBody,
} from '@liaison/wire'
import { addUser } from '../../actions/addUser.ts'
import { resetUser, updateUser } from '../../actions/updateUser.ts'
import { listUsers } from '../../store/identity/userRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { presentUser } from '../identityPresenters.ts'

export function userRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/users',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: "The users of the caller's organisation",
        response: { 200: itemsBody(UserBody), ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
      return { items: (await listUsers(deps.store.db, req.principal.orgId)).map(presentUser) }
    },
  )

  app.post(
    '/api/v1/users',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: "Add a user to the caller's organisation, with an initial password",
        body: NewUserBody,
        response: { 201: UserBody, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = await addUser(deps, { caller: req.principal!, ...req.body, source: req.ip })
      return reply.status(201).send(presentUser(user))
    },
  )

  app.patch(
    '/api/v1/users/:id',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: "Change a user's name, roles, or disable the account",
        params: UserIdParams,
        body: UserChangeBody,
        response: { 200: UserBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentUser(
        await updateUser(deps, {
          caller: req.principal!,
          user: { id: req.params.id },
          ...req.body,
          source: req.ip,
        }),
      ),
  )

  app.post(
    '/api/v1/users/:id/reset',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: "Reset a user's password and/or one-time code; unlocks the account and ends its sessions",
        params: UserIdParams,
        body: UserResetBody,
        response: { 200: UserBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) =>
      presentUser(
        await resetUser(deps, {
          caller: req.principal!,
          user: { id: req.params.id },
          ...req.body,
          source: req.ip,
        }),
      ),
  )
}
