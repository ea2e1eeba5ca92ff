import type { StreamCheck } from '@liaison/core'
import { LiaisonError, checkStreamBatch, federationProtocol, fromBase64url, isNodeItem } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { auditRefusal } from '../audit/auditRefusal.ts'
import { nodeSigningCrypto } from '../auth/nodeSigningCrypto.ts'
import { inboxHash, lockInboundHead, receiveEntries } from '../store/federation/inboxRows.ts'
import { findPeer, findPeerKey } from '../store/federation/peerRows.ts'
import { signalInbox } from './inboxSignal.ts'

const verifier = nodeSigningCrypto(null)

/** The answer to a batch: where this node's copy of the sender's stream stands, and any refusal. */
export interface StreamAnswer {
  readonly head: { readonly seq: number; readonly hash: string }
  readonly accepted: number
  readonly replayed: number
  readonly refusal: StreamCheck['refusal']
}

/**
 * Receives a batch a peer sent (its request signature already checked: `peer` is who signed):
 * core's `checkStreamBatch` against the inbound head, then the accepted entries kept in the
 * inbox, as signed, and the head moved, in one transaction. Entries before a refused one are
 * kept; a refusal is audited (`federation.receive`) with its reason and changes nothing else.
 * Items are not applied here: they wait in the inbox for the inbox applier, which this wakes
 * (decision 035).
 */
export async function receiveStreamBatch(
  deps: ActionDeps,
  input: {
    readonly peer: string
    readonly batch: unknown
    readonly source: string | null
    /** How long a peer's key taken over by a new one still verifies what arrives (decision 045). */
    readonly keyGraceSeconds: number
  },
): Promise<StreamAnswer> {
  const at = deps.clock.now()
  const retiredAfter = new Date(at.getTime() - input.keyGraceSeconds * 1000)
  const answer = await deps.store.db.transaction().execute(async (tx) => {
    const policy = await findPeer(tx, input.peer)
    const head = await lockInboundHead(tx, input.peer)
    const check = await checkStreamBatch(input.batch, {
      self: deps.nodeId,
      sender: input.peer,
      head,
      knownHash: (seq) => inboxHash(tx, input.peer, seq),
      originKey: async (origin, keyId) => {
        // a retired key only within its grace: what it signs now may be a stolen key's
        const key = await findPeerKey(tx, origin, keyId, retiredAfter)
        return key ? fromBase64url(key) : null
      },
      // what this node exchanges with the peer, both ways: its status, TLP and distribution kind
      allowed: (event) => {
        if (!policy) return false
        // what a node says about itself (its key, its organisations) whatever the policy
        if (isNodeItem(event)) return true
        const distribution = event['distribution'] as { kind?: unknown } | undefined
        return (
          policy.statuses.some((s) => s === event['status']) &&
          policy.tlp.some((t) => t === event['tlp']) &&
          policy.distributions.some((d) => d === distribution?.kind)
        )
      },
      crypto: verifier,
    })
    const protocol = (input.batch as { protocol?: unknown } | null)?.protocol
    await receiveEntries(tx, input.peer, {
      entries: check.accepted,
      head: check.head,
      protocol:
        typeof protocol === 'number' &&
        protocol >= federationProtocol.oldest &&
        protocol <= federationProtocol.current
          ? protocol
          : null,
      at,
    })
    return check
  })
  if (answer.accepted.length > 0) signalInbox(deps.store)
  if (answer.refusal)
    await auditRefusal(deps, {
      actor: { kind: 'system', label: `peer ${input.peer}` },
      action: 'federation.receive',
      error: new LiaisonError('conflict', answer.refusal.detail),
      source: input.source,
      target: input.peer,
      at,
      details: {
        refusal: answer.refusal.reason,
        seq: answer.refusal.seq,
        accepted: answer.accepted.length,
        head: answer.head.seq,
      },
    })
  return {
    head: answer.head,
    accepted: answer.accepted.length,
    replayed: answer.replayed,
    refusal: answer.refusal,
  }
}
