import type { Kysely } from 'kysely'
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
}

/** Every configured peer's status, reachable or not, by node id. */
export async function peerStatuses(db: Kysely<Database>): Promise<PeerStatus[]> {
  const [peers, states, oldest] = await Promise.all([
    listPeers(db),
    listPeerStates(db),
    oldestUnacknowledged(db),
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
    }
  })
}
