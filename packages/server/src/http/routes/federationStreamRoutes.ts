import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import type { LiaisonError } from '@liaison/core'
import { federationProtocol, fromBase64url, maxStreamBatch, refusalError } from '@liaison/core'
import type { FederationStreamEntry } from '@liaison/wire'
import {
  FederationPullAnswer,
  FederationStreamAnswer,
  FederationStreamBatch,
  FederationStreamQuery,
  errorResponses,
} from '@liaison/wire'
import { auditRefusal } from '../../audit/auditRefusal.ts'
import { receiveStreamBatch } from '../../federation/receiveStreamBatch.ts'
import type { RequestSignatureProblem } from '../../federation/requestSignature.ts'
import { verifyFederationRequest } from '../../federation/requestSignature.ts'
import { findPeerByKeyId } from '../../store/federation/inboxRows.ts'
import { outboxAfter } from '../../store/federation/outboxRows.ts'
import { listPeerStates, recordPushAnswered } from '../../store/federation/peerStateRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { jsonBodyParser } from '../validation/jsonBodyParser.ts'

type WireEvent = Static<typeof FederationStreamEntry>['event']

const problemText: Record<RequestSignatureProblem, string> = {
  unsigned: 'the request carries no HTTP Message Signature (RFC 9421)',
  unknown_key: 'the signature is made by a key of no configured peer',
  bad_signature: 'the HTTP Message Signature does not verify',
  too_old: 'the HTTP Message Signature is older than 5 minutes, or has expired',
  in_the_future: 'the HTTP Message Signature is dated in the future',
  digest_mismatch: 'the Content-Digest is missing or is not the body’s',
}

/**
 * The per-peer streams between nodes (issue 9, capability 3; docs/federation.md): a peer pushes
 * the entries of this node's copy of its stream (`POST /federation/v1/stream`) and pulls its own
 * stream for catch-up (`GET /federation/v1/stream?after=N`). Public routes, authenticated by the
 * request's HTTP Message Signature (RFC 9421): a request without one, or signed by no configured
 * peer, is refused (401 `unknown_peer`) and audited, and changes nothing.
 */
export async function federationStreamRoutes(app: App, deps: AppDeps): Promise<void> {
  const raw = new WeakMap<FastifyRequest, Buffer>()

  /** The peer that signed the request, or the refusal, audited. */
  const signer = async (req: FastifyRequest, body: Buffer | null): Promise<string> => {
    const verified = await verifyFederationRequest(
      {
        method: req.method,
        url: `${req.protocol}://${req.host}${req.url}`,
        headers: req.headers,
        body,
      },
      async (keyId) => {
        const graceFrom = deps.clock.now().getTime() - deps.config.federation.keyGraceSeconds * 1000
        const found = await findPeerByKeyId(deps.store.db, keyId, new Date(graceFrom))
        const publicKey = found ? fromBase64url(found.publicKey) : null
        return found && publicKey ? { peer: found.peer, publicKey } : null
      },
      deps.clock.now(),
    )
    if (verified.ok) return verified.peer
    const unknown = verified.problem === 'unsigned' || verified.problem === 'unknown_key'
    const error: LiaisonError = refusalError(
      unknown ? 'unknown_peer' : 'request_signature_invalid',
      problemText[verified.problem],
    )
    await auditRefusal(deps, {
      actor: { kind: 'anonymous', label: 'federation request' },
      action: req.method === 'POST' ? 'federation.receive' : 'federation.pull',
      error,
      source: req.ip,
      details: { problem: verified.problem },
    })
    throw error
  }

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>()
    // only in this scope: the body's bytes are kept, for its Content-Digest
    jsonBodyParser(scope, { keep: (req, body) => raw.set(req, body) })
    scope.post(
      '/federation/v1/stream',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['federation'],
          summary:
            "A peer pushes entries of its stream for this node (RFC 9421 signed); the answer says where this node's copy stands",
          body: FederationStreamBatch,
          response: { 200: FederationStreamAnswer, ...errorResponses(400, 401, 413, 415) },
        },
      },
      async (req, reply) => {
        const peer = await signer(req, raw.get(req) ?? Buffer.alloc(0))
        void reply.header('cache-control', 'no-store')
        return receiveStreamBatch(deps, {
          peer,
          batch: req.body,
          source: req.ip,
          keyGraceSeconds: deps.config.federation.keyGraceSeconds,
        })
      },
    )
  })

  app.get(
    '/federation/v1/stream',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['federation'],
        summary: 'A peer pulls its own stream after the seq it gives, for catch-up (RFC 9421 signed)',
        querystring: FederationStreamQuery,
        response: { 200: FederationPullAnswer, ...errorResponses(400, 401) },
      },
    },
    async (req, reply) => {
      const peer = await signer(req, null)
      // the caller holds its stream up to `after`: that acknowledges it, and it is back
      await recordPushAnswered(deps.store.db, peer, {
        acked: req.query.after,
        protocol: federationProtocol.current,
        at: deps.clock.now(),
      })
      const entries = await outboxAfter(deps.store.db, peer, req.query.after, maxStreamBatch)
      const state = (await listPeerStates(deps.store.db)).find((s) => s.peer === peer)
      void reply.header('cache-control', 'no-store')
      return {
        protocol: federationProtocol.current,
        from: deps.nodeId,
        to: peer,
        entries: entries.map(({ seq, prev, event }) => ({ seq, prev, event: event as WireEvent })),
        head: state?.outbound ?? { seq: 0, hash: '0'.repeat(64) },
      }
    },
  )
}
