import type { PagingPolicy } from '@liaison/core'
import { LiaisonError, refusalError } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import {
  CaseIdParams,
  HtmlPage,
  NewPageBody,
  NewPagingAddressBody,
  NoContent,
  PageItemBody,
  PageTokenParams,
  PagesPage,
  PagesQuery,
  PagingAddressBody,
  PagingAddressesBody,
  PagingAddressParams,
  PagingCodeBody,
  PagingPolicyBody,
  defaultPageLimit,
  errorResponses,
} from '@liaison/wire'
import { acknowledgePage, startPage } from '../../actions/pages.ts'
import {
  confirmOwnPagingAddress,
  removeOwnPagingAddress,
  setOwnPagingAddress,
} from '../../actions/pagingAddresses.ts'
import { setPagingPolicy } from '../../actions/setPagingPolicy.ts'
import { acknowledgePageView } from '../../paging/acknowledgePageView.ts'
import { pagingDepsOf } from '../../paging/PagingDeps.ts'
import type { PageRow, PagingAddressRow } from '../../store/paging/pagingRows.ts'
import { findPage, pagesOf, pagingAddressesOf, pagingPolicyOf } from '../../store/paging/pagingRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { pageFrom, startOf } from '../paging.ts'

const tags = ['paging']

function principalOf(req: FastifyRequest) {
  if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
  return req.principal
}

function presentAddress(row: PagingAddressRow): Static<typeof PagingAddressBody> {
  return {
    kind: row.kind,
    address: row.address,
    confirmed: row.confirmed_at !== null,
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
  }
}

function presentPage(row: PageRow): Static<typeof PageItemBody> {
  return {
    id: row.id,
    caseId: row.case_id,
    reason: row.reason,
    title: row.title,
    status: row.status,
    note: row.note,
    chain: row.chain,
    step: row.step,
    state: row.state,
    createdAt: row.created_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedVia: row.acknowledged_via,
  }
}

function presentPolicy(policy: PagingPolicy): Static<typeof PagingPolicyBody> {
  return { ...policy, chain: [...policy.chain] }
}

/** The acknowledgement page is a form that posts back to itself, and nothing else. */
const pageSecurity = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/**
 * Staff paging (issue 11, capability 6; decision 044): a user's own paging addresses (set,
 * confirmed with the code sent, removed), the organisation's on-call chain (administrators),
 * its pages, a page on request from a case (duty officers), and the acknowledgement link of a
 * message (a page with a button on GET, the acknowledgement on POST; the token is the proof).
 */
export async function pagingRoutes(app: App, deps: AppDeps): Promise<void> {
  const paging = pagingDepsOf(deps)

  app.get(
    '/api/v1/me/paging-addresses',
    {
      schema: {
        tags,
        summary: 'Your own paging phone number and e-mail address, each confirmed or waiting for its code',
        response: { 200: PagingAddressesBody, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({
      items: (await pagingAddressesOf(deps.store.db, principalOf(req).userId)).map(presentAddress),
    }),
  )

  app.put(
    '/api/v1/me/paging-addresses/:kind',
    {
      schema: {
        tags,
        summary:
          'Set your own paging phone number (sms) or e-mail address (email); a six-digit code is sent to it to confirm',
        params: PagingAddressParams,
        body: NewPagingAddressBody,
        response: { 200: PagingAddressBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { address } = await setOwnPagingAddress(paging, {
        caller: principalOf(req),
        kind: req.params.kind,
        address: req.body.address,
        source: req.ip,
      })
      return presentAddress(address)
    },
  )

  app.post(
    '/api/v1/me/paging-addresses/:kind/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm your own paging address with the code sent to it (five wrong codes spend it)',
        params: PagingAddressParams,
        body: PagingCodeBody,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      await confirmOwnPagingAddress(paging, {
        caller: principalOf(req),
        kind: req.params.kind,
        code: req.body.code,
        source: req.ip,
      })
      return reply.status(204).send(null)
    },
  )

  app.delete(
    '/api/v1/me/paging-addresses/:kind',
    {
      schema: {
        tags,
        summary: 'Remove your own paging address of a kind',
        params: PagingAddressParams,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeOwnPagingAddress(paging, {
        caller: principalOf(req),
        kind: req.params.kind,
        source: req.ip,
      })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/v1/paging/policy',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags,
        summary: "Your organisation's on-call chain and its times (an empty chain when none is set)",
        response: { 200: PagingPolicyBody, ...errorResponses(401, 403) },
      },
    },
    async (req) =>
      presentPolicy(
        (await pagingPolicyOf(deps.store.db, principalOf(req).orgId)) ?? {
          chain: [],
          minSeverity: null,
          stepSeconds: 300,
          incomingWaitSeconds: null,
        },
      ),
  )

  app.put(
    '/api/v1/paging/policy',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags,
        summary:
          "Set your organisation's on-call chain (its users in order, each with a confirmed paging address) and its times",
        body: PagingPolicyBody,
        response: { 200: PagingPolicyBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) =>
      presentPolicy(
        await setPagingPolicy(deps, { caller: principalOf(req), policy: req.body, source: req.ip }),
      ),
  )

  app.get(
    '/api/v1/paging/pages',
    {
      schema: {
        tags,
        summary: "Your organisation's pages, newest first, a page at a time (of one case when asked)",
        querystring: PagesQuery,
        response: { 200: PagesPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit, caseId } = req.query
      const after = startOf('pages', req.query.after)
      const rows = await pagesOf(deps.store.db, principalOf(req).orgId, { after, limit }, { caseId })
      const page = pageFrom('pages', rows, limit, (r) => ({ key: r.created_at, id: r.id }))
      return { items: page.items.map(presentPage), next: page.next }
    },
  )

  app.post(
    '/api/v1/cases/:id/pages',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags,
        summary:
          "Page your organisation's on-call chain about a case it takes part in, with an optional note",
        params: CaseIdParams,
        body: NewPageBody,
        response: { 201: PageItemBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const started = await startPage(paging, {
        caller: principalOf(req),
        start: { reason: 'requested', caseId: req.params.id, note: req.body.note ?? null },
        source: req.ip,
      })
      if (!started) throw new LiaisonError('conflict', 'nobody could be paged')
      const page = (await findPage(deps.store.db, started.page.id)) ?? started.page
      return reply.status(201).send(presentPage(page))
    },
  )

  await app.register(async (scope) => {
    // the link's page posts a form back; its body is not read
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_req, _body, done) => done(null, {}),
    )
    scope.get(
      '/paging/acknowledge/:token',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: "The page of a page's acknowledgement link (a button)",
          params: PageTokenParams,
        },
      },
      async (_req, reply) =>
        reply
          .header('cache-control', 'no-store')
          .header('content-security-policy', pageSecurity)
          .type('text/html; charset=utf-8')
          .send(acknowledgePageView(deps.config.node.name, 'ask')),
    )
    scope.post(
      '/paging/acknowledge/:token',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Acknowledge the page the link was sent for: its escalation stops',
          params: PageTokenParams,
          response: { 200: HtmlPage, 204: NoContent, ...errorResponses(400, 404, 409, 413, 415) },
        },
      },
      async (req, reply) => {
        const { token } = req.params as Static<typeof PageTokenParams>
        let state: 'done' | 'already' = 'done'
        try {
          await acknowledgePage(paging, { acknowledgement: { via: 'link', token }, source: req.ip })
        } catch (error) {
          if (!(error instanceof LiaisonError && error.reason === 'page_already_acknowledged')) throw error
          state = 'already'
        }
        const html = (req.headers.accept ?? '').includes('text/html')
        if (!html) {
          if (state === 'already') throw refusalError('page_already_acknowledged')
          return reply.status(204).send(null)
        }
        return reply
          .header('content-security-policy', pageSecurity)
          .type('text/html; charset=utf-8')
          .send(acknowledgePageView(deps.config.node.name, state))
      },
    )
  })
}
