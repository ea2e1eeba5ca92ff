import { existsSync } from 'node:fs'
import { join } from 'node:path'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Fastify from 'fastify'
import { LiaisonError, isUuid } from '@liaison/core'
import { liaisonVersion } from '../version.ts'
import type { App, AppDeps } from './AppDeps.ts'
import { authHook } from './auth/authHook.ts'
import { errorHandler, notFoundHandler, toLiaisonError } from './errorHandler.ts'
import { hostGuard, nodeHostGuard } from './hostGuard.ts'
import { idempotencyHook } from './idempotency/idempotencyHook.ts'
import { databaseRateLimitStore } from './databaseRateLimitStore.ts'
import { pagingRoutes } from './routes/pagingRoutes.ts'
import { attachmentRoutes } from './routes/attachmentRoutes.ts'
import { auditRoutes } from './routes/auditRoutes.ts'
import { caseRoutes } from './routes/caseRoutes.ts'
import { taskRoutes } from './routes/taskRoutes.ts'
import { sitrepRoutes } from './routes/sitrepRoutes.ts'
import { edxlRoutes } from './routes/edxlRoutes.ts'
import { alertRoutes } from './routes/alertRoutes.ts'
import { alertTemplateRoutes } from './routes/alertTemplateRoutes.ts'
import { dutyRoutes } from './routes/dutyRoutes.ts'
import { calendarRoutes } from './routes/calendarRoutes.ts'
import { sharingRoutes } from './routes/sharingRoutes.ts'
import { directoryRoutes } from './routes/directoryRoutes.ts'
import { receivedAlertRoutes } from './routes/receivedAlertRoutes.ts'
import { capSourceRoutes } from './routes/capSourceRoutes.ts'
import { warningRoutes } from './routes/warningRoutes.ts'
import { areaRoutes } from './routes/areaRoutes.ts'
import { notificationRoutes } from './routes/notificationRoutes.ts'
import { demoRoutes } from './routes/demoRoutes.ts'
import { healthRoutes } from './routes/healthRoutes.ts'
import { logBatchRoutes } from './routes/logBatchRoutes.ts'
import { homeRoutes } from './routes/homeRoutes.ts'
import { nodeRoutes } from './routes/nodeRoutes.ts'
import { federationRoutes } from './routes/federationRoutes.ts'
import { federationStreamRoutes } from './routes/federationStreamRoutes.ts'
import { peerStatusRoutes } from './routes/peerStatusRoutes.ts'
import { incomingRoutes } from './routes/incomingRoutes.ts'
import { alertProposalRoutes } from './routes/alertProposalRoutes.ts'
import { planRoutes } from './routes/planRoutes.ts'
import { organisationRoutes } from './routes/organisationRoutes.ts'
import { sessionRoutes } from './routes/sessionRoutes.ts'
import { streamRoutes } from './routes/streamRoutes.ts'
import { tokenRoutes } from './routes/tokenRoutes.ts'
import { userRoutes } from './routes/userRoutes.ts'
import { ErrorBody } from '@liaison/wire'
import { noStoreForApi } from './noStoreForApi.ts'
import { securityHeaders } from './securityHeaders.ts'
import { jsonBodyParser } from './validation/jsonBodyParser.ts'
import { requestValidatorCompiler } from './validation/requestValidatorCompiler.ts'

/** The node's HTTP application, ready for `listen()` or in-process `inject()`. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app: App = Fastify({
    loggerInstance: deps.log,
    bodyLimit: deps.config.http.bodyLimit,
    trustProxy: deps.config.http.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && isUuid(given) ? given : deps.ids.next()
    },
    // a bad URL (a broken percent escape in the path) answers the one error body too
    frameworkErrors: (error, req, reply: FastifyReply) => {
      const mapped = toLiaisonError(error)
      req.log.info({ code: mapped.code, message: mapped.message }, 'request refused')
      void reply
        .headers({
          'x-request-id': req.id,
          ...securityHeaders({ tls: req.protocol === 'https', docs: false }),
        })
        .status(mapped.httpStatus)
        .send(mapped.toBody())
    },
    return503OnClosing: true,
    forceCloseConnections: true,
  }).withTypeProvider<TypeBoxTypeProvider>()

  // bodies typed as sent and every string checked as text (docs/decisions/005-typed-input.md)
  app.setValidatorCompiler(requestValidatorCompiler)
  jsonBodyParser(app)
  app.setErrorHandler(errorHandler(deps))
  app.setNotFoundHandler(notFoundHandler)
  app.addSchema(ErrorBody)

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id)
    void reply.headers(
      securityHeaders({ tls: req.protocol === 'https', docs: req.url.startsWith('/api/docs') }),
    )
  })
  hostGuard(app, nodeHostGuard(deps))
  noStoreForApi(app)
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched'
    deps.metrics.httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) })
    deps.metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000)
  })

  await app.register(cookie)
  await app.register(rateLimit, {
    global: false,
    // counted in the database: shared by every process of the node, kept across restarts
    store: databaseRateLimitStore(deps.store.db),
    errorResponseBuilder: (_req, context) =>
      new LiaisonError('rate_limited', `too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`),
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `Liaison API (${deps.nodeId})`,
        version: liaisonVersion,
        description:
          'The HTTP API of a Liaison node. Every error answers `{ "error": { "code", "message", "details"? } }` with a code from a closed set. ' +
          'Browsers authenticate with the session cookie set by `POST /api/v1/session` and send `x-csrf-token` on every change; machines send `Authorization: Bearer <API token>`. ' +
          'Any change (POST, PUT, PATCH, DELETE) may carry `Idempotency-Key: <1 to 255 printable ASCII characters>`: a retry with the same key and request gets the first answer again (`Idempotent-Replayed: true`) without running twice.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      tags: [
        { name: 'node', description: 'Which node this is' },
        {
          name: 'federation',
          description: 'What peer nodes call: the signed node document, the per-peer streams (push and pull)',
        },
        { name: 'identity', description: 'Sign-in, sessions, users and API tokens' },
        { name: 'audit', description: 'The hash-chained audit log' },
        { name: 'organisations', description: "The node's centre and partner organisations" },
        {
          name: 'cases',
          description: 'Incidents and planned events, shared with the organisations taking part',
        },
        { name: 'log', description: 'The main log: per case, and the daily log; append-only' },
        { name: 'tasks', description: 'Tasks and the decision register of a case' },
        { name: 'map', description: "Each case's map features, and the duty desk map" },
        {
          name: 'contacts',
          description: 'The contact directory: records kept by their owners, revalidated by a date',
        },
        { name: 'plans', description: 'The plan library, and the plans a case activates' },
        { name: 'calendar', description: 'Planned events, and their iCalendar feed behind a secret address' },
        { name: 'duty', description: 'The roster of duty officers and shift handovers' },
        { name: 'notifications', description: 'What concerns the signed-in user' },
        {
          name: 'sitreps',
          description: 'Situation reports: drafted from the log, approved, frozen, exported',
        },
        { name: 'alerts', description: 'Public warnings: CAP alerts received from other authorities' },
        {
          name: 'areas',
          description: 'Alert areas: the shipped Benelux areas, imported ones, and the live area check',
        },
        { name: 'live', description: 'The live event stream' },
        { name: 'operations', description: 'Health, readiness and metrics' },
      ],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false })

  authHook(app, deps)
  // after authHook: keys are kept per principal
  idempotencyHook(app, deps)
  healthRoutes(app, deps)
  nodeRoutes(app, deps)
  federationRoutes(app, deps)
  await federationStreamRoutes(app, deps)
  peerStatusRoutes(app, deps)
  incomingRoutes(app, deps)
  alertProposalRoutes(app, deps)
  sessionRoutes(app, deps)
  userRoutes(app, deps)
  tokenRoutes(app, deps)
  auditRoutes(app, deps)
  organisationRoutes(app, deps)
  caseRoutes(app, deps)
  logBatchRoutes(app, deps)
  taskRoutes(app, deps)
  sitrepRoutes(app, deps)
  await edxlRoutes(app, deps)
  alertRoutes(app, deps)
  alertTemplateRoutes(app, deps)
  dutyRoutes(app, deps)
  calendarRoutes(app, deps)
  directoryRoutes(app, deps)
  receivedAlertRoutes(app, deps)
  capSourceRoutes(app, deps)
  warningRoutes(app, deps)
  areaRoutes(app, deps)
  sharingRoutes(app, deps)
  await planRoutes(app, deps)
  notificationRoutes(app, deps)
  await attachmentRoutes(app, deps)
  await pagingRoutes(app, deps)
  await streamRoutes(app, deps)
  demoRoutes(app, deps)
  if (existsSync(join(deps.config.http.webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: deps.config.http.webDir,
      prefix: '/',
      index: ['index.html'],
      wildcard: false,
      maxAge: '1h',
    })
  } else {
    deps.log.warn(
      { webDir: deps.config.http.webDir },
      'the web application is not built (npm run build); serving a plain page at /',
    )
    homeRoutes(app, deps)
  }
  return app
}
