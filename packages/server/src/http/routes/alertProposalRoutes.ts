import { LiaisonError } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import {
  AlertProposalAnsweredBody,
  AlertProposalBody,
  AlertProposalPage,
  AlertProposalParams,
  AlertProposalQuery,
  IdParams,
  NewAlertProposalAnswerBody,
  defaultPageLimit,
  errorResponses,
  itemsBody,
} from '@liaison/wire'
import { respondToAlertProposal } from '../../actions/respondToAlertProposal.ts'
import {
  findAlertProposal,
  pageAlertProposals,
  proposalsOfAlert,
} from '../../store/alerts/alertProposalRows.ts'
import { findAlertRow } from '../../store/alerts/alertRows.ts'
import { listForeignOrganisations } from '../../store/federation/foreignOrganisationRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { presentAlertProposal } from '../alertProposalPresenters.ts'
import { partnerNames } from '../incomingPresenters.ts'
import { pageFrom, startOf } from '../paging.ts'

const tags = ['alerts']

function orgOf(req: FastifyRequest): string {
  if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
  return req.principal.orgId
}

/**
 * Alert proposals across borders (issue 10, capability 9; decision 042): the proposals a
 * neighbouring centre sent to this node's centre (and those this node sent), one, its answer
 * (adopt, decline, note), and the proposals of one of this node's alerts with their answers.
 */
export function alertProposalRoutes(app: App, deps: AppDeps): void {
  const names = async () => partnerNames(await listForeignOrganisations(deps.store.db))

  app.get(
    '/api/v1/alert-proposals',
    {
      schema: {
        tags,
        summary:
          'Alert proposals neighbouring centres sent to your organisation (or, with direction=sent, that it sent), of one status (Actual unless asked), newest first, a page at a time',
        querystring: AlertProposalQuery,
        response: { 200: AlertProposalPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { limit = defaultPageLimit, direction = 'received', status = 'Actual', open } = req.query
      const after = startOf('alertProposals', req.query.after)
      const rows = await pageAlertProposals(
        deps.store.db,
        { orgId: orgOf(req), direction, status, open },
        { after, limit },
      )
      const page = pageFrom('alertProposals', rows, limit, (r) => ({ key: r.created_at, id: r.id }))
      const named = await names()
      void reply.header('cache-control', 'no-store')
      return { items: page.items.map((r) => presentAlertProposal(r, named)), next: page.next }
    },
  )

  app.get(
    '/api/v1/alert-proposals/:origin/:id',
    {
      schema: {
        tags,
        summary: 'One alert proposal your organisation sees, with its area, texts and answer',
        params: AlertProposalParams,
        response: { 200: AlertProposalBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const row = await findAlertProposal(deps.store.db, req.params, orgOf(req))
      if (!row)
        throw new LiaisonError('not_found', `no alert proposal ${req.params.id} from ${req.params.origin}`)
      return presentAlertProposal(row, await names())
    },
  )

  app.post(
    '/api/v1/alert-proposals/:origin/:id/answer',
    {
      config: { auth: 'read' },
      schema: {
        tags,
        summary:
          "Answer a neighbour's alert proposal, once: adopt it as a draft alert of your own, decline it with a reason, or note it; the answer goes back to its origin",
        description:
          'Adopting needs alerts.draft; declining and noting alerts.draft or cases.manage. A decline needs a reason.',
        params: AlertProposalParams,
        body: NewAlertProposalAnswerBody,
        response: { 200: AlertProposalAnsweredBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const done = await respondToAlertProposal(deps, {
        caller: req.principal!,
        proposal: req.params,
        answer: req.body.answer,
        reason: req.body.reason ?? null,
        sender: req.body.sender,
        source: req.ip,
      })
      return { proposal: presentAlertProposal(done.row, await names()), adoptedAlertId: done.adoptedAlertId }
    },
  )

  app.get(
    '/api/v1/alerts/:id/proposals',
    {
      schema: {
        tags,
        summary:
          'The proposals of one of your alerts to neighbouring centres, one per neighbour: proposed, adopted, declined (with the reason) or noted',
        params: IdParams,
        response: { 200: itemsBody(AlertProposalBody), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const orgId = orgOf(req)
      const alert = await findAlertRow(deps.store.db, req.params.id)
      if (!alert) throw new LiaisonError('not_found', `no alert ${req.params.id}`)
      if (alert.org_id !== orgId)
        throw new LiaisonError(
          'other_organisation',
          'this alert belongs to another organisation',
          undefined,
          {
            reason: 'not_keeper',
          },
        )
      const rows = await proposalsOfAlert(deps.store.db, deps.nodeId, alert.id)
      const named = await names()
      return {
        items: rows.filter((r) => r.audience.includes(orgId)).map((r) => presentAlertProposal(r, named)),
      }
    },
  )
}
