import {
  CapSourceBody,
  IdParams,
  NewCapSourceBody,
  NoContent,
  errorResponses,
  itemsBody,
} from '@liaison/wire'
import { addCapSource, removeCapSource } from '../../actions/capSources.ts'
import { findCapSource, listCapSources } from '../../store/alerts/capSourceRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { presentCapSource } from '../capSourcePresenter.ts'

/** Other authorities' CAP feeds the node polls for warnings in force (decision 031): administrators. */
export function capSourceRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/cap-sources',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['alerts'],
        summary:
          'The CAP sources the node polls, by name, each with its state (waiting, ok, failing, stale), its last error and the entries it skipped',
        response: { 200: itemsBody(CapSourceBody), ...errorResponses(401, 403) },
      },
    },
    async () => {
      const now = deps.clock.now()
      return { items: (await listCapSources(deps.store.db)).map((row) => presentCapSource(row, now)) }
    },
  )

  app.post(
    '/api/v1/cap-sources',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['alerts'],
        summary: 'Add a CAP source: an Atom or RSS index feed of CAP documents, or one CAP document',
        body: NewCapSourceBody,
        response: { 201: CapSourceBody, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const { name, url, pollSeconds = 300, staleAfterSeconds = 3600, enabled = true } = req.body
      const added = await addCapSource(deps, {
        source: { name, url, pollSeconds, staleAfterSeconds, enabled },
        caller: req.principal!,
        origin: req.ip,
      })
      const row = await findCapSource(deps.store.db, added.id)
      return reply.status(201).send(presentCapSource(row!, deps.clock.now()))
    },
  )

  app.delete(
    '/api/v1/cap-sources/:id',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['alerts'],
        summary: 'Remove a CAP source: it is no longer polled; the alerts read from it stay',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeCapSource(deps, { id: req.params.id, caller: req.principal!, origin: req.ip })
      return reply.status(204).send(null)
    },
  )
}
