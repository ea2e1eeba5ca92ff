import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { isUuid } from '@liaison/core'
import { liaisonVersion } from '../version.ts'
import type { App, AppDeps } from './AppDeps.ts'
import { errorHandler, notFoundHandler } from './errorHandler.ts'
import { healthRoutes } from './routes/healthRoutes.ts'
import { homeRoutes } from './routes/homeRoutes.ts'
import { nodeRoutes } from './routes/nodeRoutes.ts'
import { organisationRoutes } from './routes/organisationRoutes.ts'
import { streamRoutes } from './routes/streamRoutes.ts'
import { ErrorBody } from './schemas.ts'
import { securityHeaders } from './securityHeaders.ts'

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
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    return503OnClosing: true,
    forceCloseConnections: true,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  app.addSchema(ErrorBody)

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id)
    void reply.headers(
      securityHeaders({ tls: req.protocol === 'https', docs: req.url.startsWith('/api/docs') }),
    )
  })
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched'
    deps.metrics.httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) })
    deps.metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000)
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `Liaison API (${deps.nodeId})`,
        version: liaisonVersion,
        description:
          'The HTTP API of a Liaison node. Every error answers `{ "error": { "code", "message", "details"? } }` with a code from a closed set.',
      },
      tags: [
        { name: 'node', description: 'Which node this is' },
        { name: 'organisations', description: "The node's centre and partner organisations" },
        { name: 'live', description: 'The live event stream' },
        { name: 'operations', description: 'Health, readiness and metrics' },
      ],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false })

  healthRoutes(app, deps)
  nodeRoutes(app, deps)
  organisationRoutes(app, deps)
  streamRoutes(app, deps)
  homeRoutes(app, deps)
  return app
}
