import type { AdmissionItem, SignedEvent, StreamHead } from '@liaison/core'
import { admission, appendToStream, emptyStreamHead, isNodeItem, signEvent } from '@liaison/core'
import type { NodeSigningKey } from '../auth/loadSigningKey.ts'
import { nodeSigningCrypto } from '../auth/nodeSigningCrypto.ts'
import type { WorkProcessor } from '../processors/Processor.ts'
import type { Clock } from '../runtime/Clock.ts'
import type { OutboxEntry } from '../store/federation/outboxRows.ts'
import { appendOutbox, ensurePeerStates, lockOutboundHeads } from '../store/federation/outboxRows.ts'
import { loadFederationDirectory, peerPolicies } from '../store/federationDirectory.ts'
import { federationEvent } from './federationEvent.ts'

/** The name of the outbox processor's cursor: never rename it. */
export const outboxProcessorName = 'federation-outbox'

/**
 * Fills the per-peer streams (issue 9, capability 3; decision 032): for each committed event of
 * this node, core's `admission` against the federation directory decides which peers receive
 * it; an event admitted for any is signed once with the node's key and appended to the stream of
 * each of them, chained, all in the transaction that moves the processor's cursor, in one insert
 * per batch. After a crash the batch is handled again from the cursor: nothing twice, nothing lost.
 * `appended` is told, after the commit, which peers have new entries (the push wakes for them).
 */
export function outboxProcessor(deps: {
  readonly nodeId: string
  readonly signingKey: NodeSigningKey
  readonly clock: Clock
  readonly appended?: (peers: readonly string[]) => void
}): WorkProcessor {
  const crypto = nodeSigningCrypto(deps.signingKey)
  let pending = new Set<string>()
  return {
    name: outboxProcessorName,
    kinds: null,
    // a node with no peers shares nothing: one statement, and no transaction, for a batch
    async relevant(db, events) {
      const own = events.filter((e) => e.origin === deps.nodeId)
      return own.length > 0 && (await peerPolicies(db)).length > 0 ? own : []
    },
    async handle({ tx, events }) {
      // only what this node wrote: no item hops on by itself
      const own = events.filter((e) => e.origin === deps.nodeId)
      if (own.length === 0) return
      const policies = await peerPolicies(tx)
      if (policies.length === 0) return
      const directory = await loadFederationDirectory(tx, deps.nodeId, {
        distributions: own.map((e) => e.distribution),
        peers: policies,
      })
      const forPeer = new Map<string, SignedEvent<Record<string, unknown>>[]>()
      for (const event of own) {
        const item: AdmissionItem = {
          origin: event.origin,
          ownerOrgId: event.orgId,
          distribution: event.distribution,
          tlp: event.tlp,
          status: event.status,
        }
        // what the node says about itself (its key, its organisations) goes to every peer
        const receivers = isNodeItem({ kind: event.kind, distribution: event.distribution })
          ? policies.map((p) => ({ nodeId: p.nodeId }))
          : admission(item, directory).peers.filter((p) => p.receives)
        if (receivers.length === 0) continue
        const signed = await signEvent(federationEvent(event), { keyId: deps.signingKey.keyId, crypto })
        for (const peer of receivers) {
          const list = forPeer.get(peer.nodeId) ?? []
          list.push(signed)
          forPeer.set(peer.nodeId, list)
        }
      }
      if (forPeer.size === 0) return
      const peers = [...forPeer.keys()].sort()
      await ensurePeerStates(tx, peers)
      const locked = await lockOutboundHeads(tx, peers)
      const heads = new Map<string, StreamHead>()
      const entries: OutboxEntry[] = []
      for (const peer of peers) {
        const appended = await appendToStream(
          locked.get(peer) ?? emptyStreamHead,
          forPeer.get(peer) ?? [],
          crypto,
        )
        heads.set(peer, appended.head)
        for (const e of appended.entries) entries.push({ peer, ...e })
      }
      await appendOutbox(tx, entries, heads, deps.clock.now())
      for (const peer of peers) pending.add(peer)
    },
    committed() {
      const peers = [...pending]
      pending = new Set()
      if (peers.length > 0) deps.appended?.(peers)
    },
    rolledBack() {
      pending = new Set()
    },
  }
}
