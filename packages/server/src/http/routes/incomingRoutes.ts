import { canSeeCase, LiaisonError, refusalError } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import {
  CaseIdParams,
  IncomingItemBody,
  IncomingPage,
  IncomingQuery,
  NewAcknowledgementBody,
  CaseReceiptsQuery,
  ReceiptPage,
  ReceivedCaseItemsQuery,
  ReceivedCaseParams,
  ReceivedFeaturePage,
  ReceivedFeaturesQuery,
  defaultPageLimit,
  errorResponses,
} from '@liaison/wire'
import { acknowledgeIncoming } from '../../actions/acknowledgeIncoming.ts'
import { findCase } from '../../store/cases/caseRows.ts'
import { listForeignOrganisations } from '../../store/federation/foreignOrganisationRows.ts'
import {
  caseReceipts,
  findReceivedItem,
  pageIncoming,
  pageReceivedCaseItems,
  pageReceivedFeatures,
} from '../../store/federation/receivedItemRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import {
  partnerNames,
  presentIncomingItem,
  presentReceipt,
  presentReceivedFeature,
} from '../incomingPresenters.ts'
import { pageFrom, startOf } from '../paging.ts'

function orgOf(req: FastifyRequest): string {
  if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
  return req.principal.orgId
}

/**
 * What partner centres sent (issue 9, capability 8; decision 035), read-only: the incoming items
 * an organisation sees now (their audience names it), a received case with its log, tasks and
 * map features, the received map features as GeoJSON, a duty officer's acknowledgement; and, on
 * the sender, the receipts partners sent for a case and its items.
 */
export function incomingRoutes(app: App, deps: AppDeps): void {
  const names = async () => partnerNames(await listForeignOrganisations(deps.store.db))

  app.get(
    '/api/v1/federation/incoming',
    {
      schema: {
        tags: ['federation'],
        summary:
          'Items partner centres sent that your organisation sees, of one status (actual unless asked), newest received first, a page at a time; map features are on /incoming/map',
        querystring: IncomingQuery,
        response: { 200: IncomingPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { limit = defaultPageLimit, status = 'actual', kind, origin, unacknowledged } = req.query
      const after = startOf('incoming', req.query.after)
      const rows = await pageIncoming(
        deps.store.db,
        { orgId: orgOf(req), status, kind, origin, unacknowledged },
        { after, limit },
      )
      const page = pageFrom('incoming', rows, limit, (r) => ({ key: r.received_at, id: r.id }))
      const named = await names()
      void reply.header('cache-control', 'no-store')
      return { items: page.items.map((r) => presentIncomingItem(r, named)), next: page.next }
    },
  )

  app.get(
    '/api/v1/federation/incoming/map',
    {
      schema: {
        tags: ['federation'],
        summary:
          'Map features partner centres sent that your organisation sees, of one status, as a GeoJSON FeatureCollection, a page at a time',
        querystring: ReceivedFeaturesQuery,
        response: { 200: ReceivedFeaturePage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit, status = 'actual' } = req.query
      const after = startOf('receivedFeatures', req.query.after)
      const rows = await pageReceivedFeatures(deps.store.db, { orgId: orgOf(req), status }, { after, limit })
      const page = pageFrom('receivedFeatures', rows, limit, (r) => ({ key: r.received_at, id: r.id }))
      const named = await names()
      return {
        type: 'FeatureCollection' as const,
        features: page.items.flatMap((r) => presentReceivedFeature(r, named) ?? []),
        next: page.next,
      }
    },
  )

  app.get(
    '/api/v1/federation/incoming/:origin/cases/:id',
    {
      schema: {
        tags: ['federation'],
        summary: 'A case a partner centre shared, read-only, with its origin',
        params: ReceivedCaseParams,
        response: { 200: IncomingItemBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { origin, id } = req.params
      const found = await findReceivedItem(deps.store.db, { origin, kind: 'case', id })
      if (!found || !found.audience.includes(orgOf(req)))
        throw new LiaisonError('not_found', `no case ${id} from ${origin}`)
      return presentIncomingItem(found, await names())
    },
  )

  app.get(
    '/api/v1/federation/incoming/:origin/cases/:id/items',
    {
      schema: {
        tags: ['federation'],
        summary:
          "A received case's log entries (or tasks, or map features: kind), oldest first as its origin wrote them, a page at a time",
        params: ReceivedCaseParams,
        querystring: ReceivedCaseItemsQuery,
        response: { 200: IncomingPage, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { origin, id } = req.params
      const orgId = orgOf(req)
      // the query is read first: a bad cursor is a 400, whatever the case
      const { limit = defaultPageLimit, kind = 'log-entry' } = req.query
      const after = startOf('receivedCaseItems', req.query.after)
      const found = await findReceivedItem(deps.store.db, { origin, kind: 'case', id })
      if (!found || !found.audience.includes(orgId))
        throw new LiaisonError('not_found', `no case ${id} from ${origin}`)
      const rows = await pageReceivedCaseItems(
        deps.store.db,
        { orgId, origin, caseId: id, kind },
        { after, limit },
      )
      const page = pageFrom('receivedCaseItems', rows, limit, (r) => ({ key: r.changed_at, id: r.id }))
      const named = await names()
      return { items: page.items.map((r) => presentIncomingItem(r, named)), next: page.next }
    },
  )

  app.post(
    '/api/v1/federation/acknowledgements',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['federation'],
        summary:
          'Acknowledge an item a partner centre sent: recorded once, and a receipt sent to its origin only',
        body: NewAcknowledgementBody,
        response: { 200: IncomingItemBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const row = await acknowledgeIncoming(deps, {
        caller: req.principal!,
        item: req.body,
        source: req.ip,
      })
      return presentIncomingItem(row, await names())
    },
  )

  app.get(
    '/api/v1/cases/:id/receipts',
    {
      schema: {
        tags: ['federation'],
        summary:
          'The receipts partner centres sent for this case and its log entries, tasks and map features: delivered, acknowledged (by whom)',
        params: CaseIdParams,
        querystring: CaseReceiptsQuery,
        response: { 200: ReceiptPage, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('receipts', req.query.after)
      const c = await findCase(deps.store.db, req.params.id)
      if (!c) throw new LiaisonError('not_found', `no case ${req.params.id}`)
      if (!canSeeCase(c, orgOf(req)))
        throw refusalError('not_participant', 'your organisation does not take part in this case')
      const rows = await caseReceipts(deps.store.db, c.id, { after, limit })
      const page = pageFrom('receipts', rows, limit, (r) => ({ key: `${r.node} ${r.state}`, id: r.item_id }))
      const named = await names()
      return { items: page.items.map((r) => presentReceipt(r, named)), next: page.next }
    },
  )
}
