import rateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply } from 'fastify'
import Fastify, { LogController } from 'fastify'
import type { Logger } from 'pino'
import { LiaisonError, isUuid } from '@liaison/core'
import type { NodeConfig } from '../config.ts'
import type { App } from '../http/AppDeps.ts'
import { notFoundHandler, toLiaisonError } from '../http/errorHandler.ts'
import { hostGuard } from '../http/hostGuard.ts'
import { jsonBodyParser } from '../http/validation/jsonBodyParser.ts'
import { requestValidatorCompiler } from '../http/validation/requestValidatorCompiler.ts'
import type { IdSource } from '../runtime/IdSource.ts'
import { liaisonVersion } from '../version.ts'
import type { Clock } from '../runtime/Clock.ts'
import type { PublicAlertReader } from '../store/alerts/publicAlertRows.ts'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import type { CitizenChannels } from '../citizens/citizenSender.ts'
import { citizenSender } from '../citizens/citizenSender.ts'
import { citizenPageRoutes } from './citizenPageRoutes.ts'
import { citizenRoutes } from './citizenRoutes.ts'
import { publicAlertRoutes } from './publicAlertRoutes.ts'
import { publicSecurityHeaders } from './publicSecurityHeaders.ts'

export interface PublicAppDeps {
  readonly config: NodeConfig
  readonly log: Logger
  readonly ids: IdSource
  /** The listener's own address (`public.url`, or where it listens): never a request's Host. */
  readonly publicUrl: () => string
  readonly clock: Clock
  /** The one table it reads: the public alerts (decision 034). */
  readonly alerts: PublicAlertReader
  /**
   * Citizen registration (decision 040): the node's action deps (its own tables, apart from
   * events) and the channels codes go through, owned and closed by the caller. Left out, the
   * listener serves the public alerts only.
   */
  readonly citizens?: { readonly actions: ActionDeps; readonly channels: CitizenChannels }
}

/**
 * The public listener (service `public`, decision 017): its own Fastify instance on its own
 * address, a separate origin from the duty desk. It sets no cookie and knows
 * no session: its host allow-list, strict headers and a per-address rate limit are its defence.
 * It reads one table, `public_alerts` (decision 034), written by a processor: the page, the Atom
 * feed and each alert's CAP; and citizen registration, in its own tables (decision 040).
 */
export async function buildPublicApp(deps: PublicAppDeps): Promise<App> {
  const log = deps.log.child({ service: 'public' })
  const tls = () => new URL(deps.publicUrl()).protocol === 'https:'
  const app: App = Fastify({
    loggerInstance: log,
    // a registration is the largest body: five places, a few addresses
    bodyLimit: 16 * 1024,
    trustProxy: deps.config.http.trustProxy,
    requestIdHeader: false,
    // a surge of citizens after an alert must not flood the log: refusals are logged, not each request
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && isUuid(given) ? given : deps.ids.next()
    },
    frameworkErrors: (error, req, reply: FastifyReply) => {
      const mapped = toLiaisonError(error)
      void reply
        .headers({
          'x-request-id': req.id,
          'cache-control': 'no-store',
          ...publicSecurityHeaders({ tls: tls() }),
        })
        .status(mapped.httpStatus)
        .send(mapped.toBody())
    },
    return503OnClosing: true,
    forceCloseConnections: true,
  }).withTypeProvider<TypeBoxTypeProvider>()

  // the duty desk's strict validation and JSON parser: bodies refused with the path of what is wrong
  app.setValidatorCompiler(requestValidatorCompiler)
  jsonBodyParser(app)
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    const mapped = toLiaisonError(error, req.headers['content-type'])
    if (mapped.code === 'internal') req.log.error({ err: error }, 'public request failed')
    else req.log.info({ code: mapped.code, message: mapped.message }, 'public request refused')
    return reply.header('cache-control', 'no-store').status(mapped.httpStatus).send(mapped.toBody())
  })
  app.setNotFoundHandler(notFoundHandler)
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id)
    void reply.headers(publicSecurityHeaders({ tls: tls() }))
  })
  hostGuard(app, {
    ownUrl: deps.publicUrl,
    allowedHosts: deps.config.public.allowedHosts,
    trustProxy: deps.config.http.trustProxy,
    keys: 'public.url and public.allowedHosts',
  })
  // no session here, ever: nothing this listener answers may set a cookie
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.removeHeader('set-cookie')
    return payload
  })
  await app.register(rateLimit, {
    global: true,
    max: deps.config.public.requestsPerMinute,
    timeWindow: 60_000,
    // in this process's memory: a flood of public requests must not become a flood of writes
    errorResponseBuilder: (_req, context) =>
      new LiaisonError('rate_limited', `too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`),
  })

  app.get('/health', { config: { rateLimit: false } }, async (_req, reply) =>
    reply
      .header('cache-control', 'no-store')
      .send({ status: 'ok', node: deps.config.node.id, service: 'public', version: liaisonVersion }),
  )

  publicAlertRoutes(app, { ...deps, registration: deps.citizens !== undefined })
  if (deps.citizens) {
    const actions = deps.citizens.actions
    const channels = deps.citizens.channels
    const centre = deps.config.node.name
    const sender = citizenSender(
      { db: actions.store.db, ids: actions.ids, clock: actions.clock, log, centre },
      channels,
    )
    app.addHook('onClose', async () => sender.close())
    citizenRoutes(app, {
      ...actions,
      sender,
      pushOffered: true,
      pushHosts: deps.config.push.serviceHosts,
      publicBase: () => deps.publicUrl().replace(/\/+$/, ''),
      centre,
    })
    citizenPageRoutes(app, { config: deps.config, actions, channels })
  }
  return app
}
