import { LiaisonError } from '@liaison/core'
import { liaisonVersion } from '../../version.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { metricsAccess } from '../metricsAccess.ts'
import { HealthBody, MetricsBody, ReadyBody, errorResponses } from '@liaison/wire'

export function healthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        response: {
          200: HealthBody,
        },
      },
    },
    async () => ({ status: 'ok' as const, node: deps.nodeId, version: liaisonVersion }),
  )

  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: started, migrated and the store answers',
        response: {
          200: ReadyBody,
          ...errorResponses(503),
        },
      },
    },
    async () => {
      if (!deps.isReady()) throw new LiaisonError('not_ready', 'the node is starting or stopping')
      try {
        await deps.store.ping()
      } catch (error) {
        throw new LiaisonError('store_unavailable', `the store does not answer: ${(error as Error).message}`)
      }
      return { status: 'ready' as const, node: deps.nodeId, store: deps.store.engine }
    },
  )

  app.get(
    '/metrics',
    {
      onRequest: metricsAccess(deps.config.metrics),
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics; only for the addresses in metrics.allow, or with the metrics token',
        response: {
          200: MetricsBody,
          ...errorResponses(401, 403),
        },
      },
    },
    async (_req, reply) => {
      const body = await deps.metrics.registry.metrics()
      return reply.type(deps.metrics.registry.contentType).send(body)
    },
  )
}
