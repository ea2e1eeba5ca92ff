import type { Caller } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import {
  FederationPeerStatus,
  PeerParams,
  TakePeerKeyBody,
  TakenPeerKey,
  errorResponses,
  itemsBody,
} from '@liaison/wire'
import { takePeerKey } from '../../actions/takePeerKey.ts'
import { requirePermission } from '../../actions/requirePermission.ts'
import type { PeerStatus } from '../../federation/peerStatus.ts'
import { peerStatuses } from '../../federation/peerStatus.ts'
import { findCentre } from '../../store/organisations/organisationRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const errorOf = (e: PeerStatus['firstError']) => (e ? { message: e.message, at: e.at.toISOString() } : null)

function present(s: PeerStatus) {
  return {
    nodeId: s.nodeId,
    baseUrl: s.baseUrl,
    reachable: s.reachable,
    lastContactAt: iso(s.lastContactAt),
    protocol: s.protocol,
    outbound: { ...s.outbound, oldestUnacknowledgedAt: iso(s.outbound.oldestUnacknowledgedAt) },
    inbound: s.inbound,
    attempts: s.attempts,
    nextAttemptAt: iso(s.nextAttemptAt),
    parkedSince: iso(s.parkedSince),
    firstError: errorOf(s.firstError),
    lastError: errorOf(s.lastError),
    key: s.key,
    pendingKey: s.pendingKey
      ? {
          ...s.pendingKey,
          rotatedAt: s.pendingKey.rotatedAt.toISOString(),
          receivedAt: s.pendingKey.receivedAt.toISOString(),
        }
      : null,
    organisations: [...s.organisations],
  }
}

/** The centre's administrators and duty officers read it: users.manage or cases.manage. */
function requirePartnerStatusReader(caller: Caller, centreId: string | null): void {
  try {
    requirePermission(caller, 'users.manage', centreId)
  } catch {
    requirePermission(caller, 'cases.manage', centreId)
  }
}

/** Partner status (issue 9, capability 7): each peer, reachable or not, and its streams both ways. */
export function peerStatusRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/federation/peers',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['federation'],
        summary:
          'Partner status: each peer, reachable or not, last contact, entries waiting out and received, the oldest unacknowledged, parked and its first error',
        response: { 200: itemsBody(FederationPeerStatus), ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
      const centre = await findCentre(deps.store.db, deps.nodeId)
      requirePartnerStatusReader(req.principal, centre?.id ?? null)
      void reply.header('cache-control', 'no-store')
      return { items: (await peerStatuses(deps.store.db)).map(present) }
    },
  )

  app.post(
    '/api/v1/federation/peers/:nodeId/take-key',
    {
      config: { auth: 'users.manage' },
      schema: {
        tags: ['federation'],
        summary:
          "Take the new key a peer announced, signed with its current key, after checking its id with the peer's operator (decision 045)",
        params: PeerParams,
        body: TakePeerKeyBody,
        response: { 200: TakenPeerKey, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
      return takePeerKey(deps, {
        nodeId: req.params.nodeId,
        publicKey: null,
        keyId: req.body.keyId,
        caller: req.principal,
        source: req.ip,
      })
    },
  )
}
