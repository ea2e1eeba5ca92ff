import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { listForeignOrganisations } from '../store/federation/foreignOrganisationRows.ts'
import { listPendingPeerKeys } from '../store/federation/pendingKeyRows.ts'
import { listPeers } from '../store/federation/peerRows.ts'
import { listPeerStates, oldestUnacknowledged } from '../store/federation/peerStateRows.ts'
import type { Database } from '../store/schema.ts'

/** One partner's status, seen from this node (issue 9, capability 7). */
export interface PeerStatus {
  readonly nodeId: string
  readonly baseUrl: string
  /** The last push was answered (true), or failed (false); null before any push. */
  readonly reachable: boolean | null
  readonly lastContactAt: Date | null
  readonly protocol: number | null
  readonly outbound: {
    readonly head: number
    readonly acknowledged: number
    readonly waiting: number
    readonly oldestUnacknowledgedAt: Date | null
  }
  readonly inbound: { readonly received: number }
  readonly attempts: number
  readonly nextAttemptAt: Date | null
  readonly parkedSince: Date | null
  readonly firstError: { readonly message: string; readonly at: Date } | null
  readonly lastError: { readonly message: string; readonly at: Date } | null
  /** The key this node holds as its current one; null if it has none. */
  readonly key: { readonly keyId: string; readonly fingerprint: string } | null
  /** A new key it announced, signed with its current key, not yet taken (decision 045). */
  readonly pendingKey: {
    readonly keyId: string
    readonly fingerprint: string
    readonly previousKeyId: string
    readonly rotatedAt: Date
    readonly receivedAt: Date
  } | null
  /** The organisations it published, by code. */
  readonly organisations: readonly {
    readonly id: string
    readonly code: string
    readonly name: string
    readonly kind: 'centre' | 'partner'
    readonly country: string
  }[]
}

/** SHA-256 (hex) of a raw key given in base64url: what people compare. */
const fingerprintOf = (publicKey: string) =>
  createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex')

/** Every configured peer's status, reachable or not, by node id. */
export async function peerStatuses(db: Kysely<Database>): Promise<PeerStatus[]> {
  const [peers, states, oldest, pending, organisations] = await Promise.all([
    listPeers(db),
    listPeerStates(db),
    oldestUnacknowledged(db),
    listPendingPeerKeys(db),
    listForeignOrganisations(db),
  ])
  return peers.map((peer) => {
    const state = states.find((s) => s.peer === peer.nodeId)
    const head = state?.outbound.seq ?? 0
    const acknowledged = state?.ackedSeq ?? 0
    const reachable =
      !state || (state.attempts === 0 && state.lastContactAt === null) ? null : state.attempts === 0
    return {
      nodeId: peer.nodeId,
      baseUrl: peer.baseUrl,
      reachable,
      lastContactAt: state?.lastContactAt ?? null,
      protocol: state?.protocol ?? null,
      outbound: {
        head,
        acknowledged,
        waiting: head - acknowledged,
        oldestUnacknowledgedAt: head > acknowledged ? (oldest.get(peer.nodeId) ?? null) : null,
      },
      inbound: { received: state?.inbound.seq ?? 0 },
      attempts: state?.attempts ?? 0,
      nextAttemptAt: state?.nextAttemptAt ?? null,
      parkedSince: state?.parkedSince ?? null,
      firstError: state?.firstError ?? null,
      lastError: state?.lastError ?? null,
      key: ((k) => (k ? { keyId: k.keyId, fingerprint: fingerprintOf(k.publicKey) } : null))(
        peer.keys.find((k) => k.retiredAt === null),
      ),
      pendingKey: ((p) =>
        p
          ? {
              keyId: p.keyId,
              fingerprint: fingerprintOf(p.publicKey),
              previousKeyId: p.previousKeyId,
              rotatedAt: p.rotatedAt,
              receivedAt: p.receivedAt,
            }
          : null)(pending.find((p) => p.nodeId === peer.nodeId)),
      organisations: organisations
        .filter((o) => o.nodeId === peer.nodeId)
        .map((o) => ({ id: o.id, code: o.code, name: o.name, kind: o.kind, country: o.country })),
    }
  })
}
