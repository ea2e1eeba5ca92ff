import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Logger } from 'pino'
import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import type { NodeSigningKey } from '../auth/loadSigningKey.ts'
import type { NodeConfig } from '../config.ts'
import type { DemoUser } from '../demo/DemoUser.ts'
import type { Metrics } from '../metrics.ts'
import type { PagingSender } from '../paging/pagingSender.ts'

export interface AppDeps extends ActionDeps {
  readonly config: NodeConfig
  readonly metrics: Metrics
  /** The node's Ed25519 identity key; `GET /api/v1/node` shows its public half. */
  readonly signingKey: NodeSigningKey
  /** False until start-up (migrations, seed) is done, and again while shutting down. */
  readonly isReady: () => boolean
  /**
   * The node's own public address (`http.url`, or where it listens): every address it gives out
   * starts with it, never with the request's Host.
   */
  readonly nodeUrl: () => string
  /** Sends pages and paging codes (decision 044); left out: no channel to page through. */
  readonly paging?: PagingSender
  /** Set on a demo node only: its demo accounts, listed on the sign-in page. Never on a real node. */
  readonly demo: { readonly users: readonly DemoUser[] } | null
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  Logger,
  TypeBoxTypeProvider
>
