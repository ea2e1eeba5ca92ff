import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Logger } from 'pino'
import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import type { NodeConfig } from '../config.ts'
import type { Metrics } from '../metrics.ts'

export interface AppDeps extends ActionDeps {
  readonly config: NodeConfig
  readonly metrics: Metrics
  /** False until start-up (migrations, seed) is done, and again while shutting down. */
  readonly isReady: () => boolean
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  Logger,
  TypeBoxTypeProvider
>
