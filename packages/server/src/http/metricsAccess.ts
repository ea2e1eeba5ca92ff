import type { FastifyReply, FastifyRequest } from 'fastify'
import { LiaisonError } from '@liaison/core'
import { sameSecret } from '../auth/secrets.ts'
import { addressMatcher } from '../runtime/addressList.ts'

export interface MetricsAccessSettings {
  /** Addresses and networks that may read without a token. */
  readonly allow: readonly string[]
  /** A bearer token that may read from any address; null: none. */
  readonly token: string | null
}

/**
 * The `onRequest` hook of /metrics: served to the configured addresses, or to a bearer of the
 * metrics token. A wrong token answers 401, an address not allowed 403. Neither is audited (a
 * scraper knocking at the wrong node is not an event of the node's history), so they cost nothing.
 */
export function metricsAccess(settings: MetricsAccessSettings) {
  const allowed = addressMatcher(settings.allow)
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const authorization = req.headers.authorization
    let refusal: LiaisonError | null = null
    if (authorization !== undefined) {
      const given = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
      if (settings.token === null || given === undefined || !sameSecret(given, settings.token))
        refusal = new LiaisonError('unauthenticated', 'this token may not read the metrics (metrics.token)')
    } else if (!allowed(req.ip)) {
      refusal = new LiaisonError(
        'forbidden',
        `the metrics are served only to the addresses in metrics.allow, or with the metrics token; not to ${req.ip}`,
      )
    }
    if (refusal) await reply.status(refusal.httpStatus).send(refusal.toBody())
  }
}
