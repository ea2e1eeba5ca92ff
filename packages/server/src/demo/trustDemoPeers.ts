import { eventStatuses, isLiaisonError, peerDistributionKinds, tlpLevels } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { addPeer } from '../actions/peers.ts'
import { fetchNodeDocument } from '../federation/checkNodeDocument.ts'
import { findPeer } from '../store/federation/peerRows.ts'

const demoOperator = { kind: 'system', label: 'demo-peers' } as const

/** One of the demo's other centres, as this one reaches it. */
export interface DemoPeerAddress {
  readonly nodeId: string
  readonly url: string
}

/**
 * The demo's centres trust one another on first contact: each fetches the others' signed node
 * documents over loopback and adds each as a peer with the key it publishes, its organisations
 * and a policy that lets it receive everything. Trust on first use is acceptable only because
 * the demo starts its three processes together on one machine; a real node is given a peer's key
 * out of band (`liaison peer add --public-key`, docs/federation.md). Retries each second until
 * every centre answered, and gives up after `giveUpMs`, saying so; a peer already known is left
 * as it is, so a restarted demo keeps the keys it trusted first.
 */
export function trustDemoPeers(
  deps: ActionDeps,
  others: readonly DemoPeerAddress[],
  options: { readonly retryMs?: number; readonly giveUpMs?: number } = {},
): { readonly done: Promise<void>; stop(): void } {
  const retryMs = options.retryMs ?? 1_000
  const giveUpAt = Date.now() + (options.giveUpMs ?? 120_000)
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  const pause = () =>
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, retryMs)
      timer.unref()
    })

  const trustOne = async (other: DemoPeerAddress): Promise<boolean> => {
    if (await findPeer(deps.store.db, other.nodeId)) return true
    const fetched = await fetchNodeDocument(other.url)
    if (!fetched.ok) return false
    const document = fetched.value as { nodeId?: unknown; key?: { keyId?: unknown; publicKey?: unknown } }
    if (document.nodeId !== other.nodeId || typeof document.key?.publicKey !== 'string') return false
    try {
      await addPeer(deps, {
        peer: {
          nodeId: other.nodeId,
          baseUrl: other.url,
          publicKey: document.key.publicKey,
          keyId: typeof document.key.keyId === 'string' ? document.key.keyId : null,
          statuses: [...eventStatuses],
          tlp: [...tlpLevels],
          distributions: [...peerDistributionKinds],
        },
        caller: demoOperator,
        source: 'demo',
        document: fetched,
      })
      deps.log.info({ peer: other.nodeId }, 'the demo trusts this centre now')
      return true
    } catch (error) {
      // two processes of one centre adding it at once: the other one did
      if (isLiaisonError(error) && error.reason === 'peer_exists') return true
      throw error
    }
  }

  const done = (async () => {
    let waiting = [...others]
    while (!stopped && waiting.length > 0) {
      const still: DemoPeerAddress[] = []
      for (const other of waiting) {
        try {
          if (!(await trustOne(other))) still.push(other)
        } catch (error) {
          if (stopped) return
          deps.log.warn({ err: error, peer: other.nodeId }, 'the demo could not add this centre as a peer')
        }
      }
      waiting = still
      if (waiting.length === 0 || stopped) return
      if (Date.now() > giveUpAt) {
        deps.log.warn(
          { peers: waiting.map((w) => w.nodeId) },
          'these demo centres never answered; add them with liaison peer add',
        )
        return
      }
      await pause()
    }
  })()
  return {
    done,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
