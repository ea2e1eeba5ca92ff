import type { Hash } from 'node:crypto'
import { createHash } from 'node:crypto'
import { Transform, pipeline } from 'node:stream'
import type { Principal } from '@liaison/core'
import { LiaisonError, refusalError } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import type { IdempotencyHold } from '../../store/idempotencyKeyRows.ts'
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  releaseIdempotencyKey,
} from '../../store/idempotencyKeyRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { parseIdempotencyKey } from './parseIdempotencyKey.ts'
import { replayedHeaders, requestFingerprint } from './requestFingerprint.ts'

/** A request sent with an Idempotency-Key, as it goes through the hooks. */
export interface IdempotentRequest {
  readonly key: string
  /** Fed with the body's bytes as they arrive. */
  readonly body: Hash
  /** Set once this request holds the key; then its answer is kept (or the key freed). */
  hold: IdempotencyHold | null
  settled: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotentRequest | null
  }
}

export const idempotencyHeader = 'idempotency-key'
export const replayedHeader = 'idempotent-replayed'

/** A request still running after this long is taken as dead (its process stopped); a retry may run it. */
export const runningLeaseMs = 5 * 60_000
/** How often, at most, a process deletes the expired keys. */
export const cleanupEveryMs = 10 * 60_000

const changes = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Keys of different principals never meet: a user's are theirs whatever the session, a token's its own. */
export function idempotencyPrincipal(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.userId}` : `token:${principal.tokenId}`
}

/** What a kept answer's body is sealed under: opened only for the same principal and key. */
const sealContext = (hold: { principal: string; key: string }) => `idempotency:${hold.principal}:${hold.key}`

/**
 * The Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header) on every change under
 * /api/v1, for every route present and future. A malformed key answers 400 before the body is
 * read. Once the principal is known (after authHook), the request takes its key: the first
 * runs, and its answer (status, the headers that describe it, body) is kept unless it is a 5xx;
 * a retry with the same request gets that answer again with `Idempotent-Replayed: true`,
 * without running anything; the same key on another request answers 422
 * `idempotency_key_reused`; a retry while the first still runs, 409 `conflict`. Requests without
 * a principal (sign-in) and without the header are not touched. Keys expire after
 * `http.idempotencyHours`; expired rows are deleted by the requests that come along, at most
 * every ten minutes per process. Register after authHook and before the routes.
 */
export function idempotencyHook(app: App, deps: AppDeps): void {
  const keepMs = deps.config.http.idempotencyHours * 3_600_000
  let lastCleanup = Number.NEGATIVE_INFINITY
  app.decorateRequest('idempotency', null)

  app.addHook('preParsing', async (req, _reply, payload) => {
    if (!changes.has(req.method) || !req.url.startsWith('/api/v1/')) return payload
    const parsed = parseIdempotencyKey(req.headers[idempotencyHeader])
    if (!parsed.ok)
      throw new LiaisonError('validation_failed', `Idempotency-Key header ${parsed.error}`, [
        { path: 'headers/idempotency-key', message: parsed.error },
      ])
    if (parsed.value === null) return payload
    const body = createHash('sha256')
    req.idempotency = { key: parsed.value, body, hold: null, settled: false }
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        body.update(chunk)
        done(null, chunk)
      },
    })
    // an aborted upload errors the tap too, so the body parser sees it
    pipeline(payload, tap, () => {})
    return tap
  })

  app.addHook('preHandler', async (req, reply) => {
    const state = req.idempotency
    if (!state || req.is404 || !req.principal) return
    const at = deps.clock.now()
    if (at.getTime() - lastCleanup >= cleanupEveryMs) {
      lastCleanup = at.getTime()
      await cleanUp(req, at)
    }
    const fingerprint = requestFingerprint({
      method: req.method,
      route: req.routeOptions.url ?? '',
      path: req.url,
      bodySha256: state.body.digest('hex'),
    })
    const principal = idempotencyPrincipal(req.principal)
    const claim = await claimIdempotencyKey(deps.store.db, {
      principal,
      key: state.key,
      fingerprint,
      at,
      expiresAt: new Date(at.getTime() + keepMs),
      leaseMs: runningLeaseMs,
    })
    switch (claim.kind) {
      case 'claimed':
        state.hold = claim.hold
        return
      case 'reused':
        throw new LiaisonError(
          'idempotency_key_reused',
          'this Idempotency-Key was already used for a different request (method, path or body); send a new key for a new request',
        )
      case 'running':
        throw refusalError(
          'request_in_progress',
          'a request with this Idempotency-Key is still being processed; retry in a moment to get its answer',
        )
      case 'done': {
        state.settled = true
        req.log.info({ idempotencyKey: state.key, status: claim.answer.status }, 'request replayed')
        const sealed = claim.answer.sealedBody
        const body =
          sealed === null
            ? undefined
            : Buffer.from(deps.secrets.open(sealed, sealContext({ principal, key: state.key })), 'base64')
        return reply
          .code(claim.answer.status)
          .headers({ ...claim.answer.headers, [replayedHeader]: 'true' })
          .send(body)
      }
      default: {
        const exhaustive: never = claim
        return exhaustive
      }
    }
  })

  app.addHook('onSend', async (req, reply, payload) => {
    const state = req.idempotency
    if (!state?.hold || state.settled) return payload
    state.settled = true
    const hold = state.hold
    const status = reply.statusCode
    const body =
      payload === null || payload === undefined
        ? null
        : typeof payload === 'string'
          ? Buffer.from(payload, 'utf8')
          : Buffer.isBuffer(payload)
            ? payload
            : undefined
    try {
      if (status >= 500 || body === undefined) {
        // a failure the client may retry, or an answer streamed that cannot be kept
        await releaseIdempotencyKey(deps.store.db, hold)
        if (body === undefined)
          req.log.warn({ idempotencyKey: state.key }, 'a streamed answer is not kept for replay')
      } else {
        await completeIdempotencyKey(deps.store.db, hold, {
          status,
          headers: replayedHeaders(reply.getHeaders()),
          sealedBody: body === null ? null : deps.secrets.seal(body.toString('base64'), sealContext(hold)),
        })
      }
    } catch (error) {
      // the change is done; failing to keep its answer must not turn it into an error
      req.log.error({ err: error, idempotencyKey: state.key }, 'could not keep the answer for replay')
    }
    return payload
  })

  // an answer that never went through onSend (a hijacked reply): free the key
  app.addHook('onResponse', async (req) => {
    const state = req.idempotency
    if (!state?.hold || state.settled) return
    state.settled = true
    await releaseIdempotencyKey(deps.store.db, state.hold).catch((error: unknown) =>
      req.log.error({ err: error, idempotencyKey: state.key }, 'could not free an idempotency key'),
    )
  })

  async function cleanUp(req: FastifyRequest, at: Date): Promise<void> {
    try {
      const deleted = await deleteExpiredIdempotencyKeys(deps.store.db, at)
      if (deleted > 0) req.log.info({ deleted }, 'expired idempotency keys deleted')
    } catch (error) {
      req.log.warn({ err: error }, 'could not delete expired idempotency keys')
    }
  }
}
