import { readFile } from 'node:fs/promises'
import type { Peer } from '@liaison/core'
import { federationProtocol, maxStreamBatch } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import type { NodeSigningKey } from '../auth/loadSigningKey.ts'
import type { NodeConfig } from '../config.ts'
import { retryDelayMs } from '../runtime/retryDelayMs.ts'
import { coalescedRuns } from '../runtime/coalescedRuns.ts'
import { outboxAfter } from '../store/federation/outboxRows.ts'
import { listPeers } from '../store/federation/peerRows.ts'
import type { PeerState } from '../store/federation/peerStateRows.ts'
import { listPeerStates, recordPushAnswered, recordPushFailed } from '../store/federation/peerStateRows.ts'
import { federationHttp } from './federationHttp.ts'
import { receiveStreamBatch } from './receiveStreamBatch.ts'
import { signFederationRequest } from './requestSignature.ts'

/** The retries of a peer that does not answer: 1 s, doubling, at most 5 minutes (decision 032). */
export const pushRetry = { firstMs: 1_000, maxMs: 300_000 } as const
/** A batch's body is kept under this size (the receiver's body limit is 1 MiB by default). */
const batchBudgetBytes = 512 * 1024
const requestTimeoutMs = 15_000

export interface FederationPush {
  /** Entries were appended (for these peers): push what waits, unless a peer is in its back-off. */
  wake(): void
  /** Finishes the push in hand and stops. */
  close(): Promise<void>
}

/** A peer's federation address for a path: its base URL with the path below it. */
export function peerUrl(baseUrl: string, path: string): string {
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString()
}

/**
 * The push of the per-peer streams (issue 9, capability 3; decision 032), in the process that
 * runs the work processors: woken when entries are appended and every `pushSeconds`, it sends
 * each peer the entries after the seq it acknowledged (at most 500, and under 512 KiB), signed
 * with RFC 9421, and moves `acked` to the head the peer answers. A failure waits 1 s, doubling
 * up to 5 minutes, keeps the first error of the run and the last, and from the `parkAfter`th in
 * a row shows the peer parked; it is still tried at the cap, so a peer back after hours receives
 * everything. At start it also pulls each peer's stream after what it holds (catch-up).
 */
export function startFederationPush(deps: {
  readonly action: ActionDeps
  readonly signingKey: NodeSigningKey
  readonly config: NodeConfig['federation']
}): FederationPush {
  const { action } = deps
  const db = action.store.db
  const log = action.log.child({ component: 'federation-push' })
  let closed = false
  // a stop gives up the requests in flight rather than wait out their timeouts
  const stopping = new AbortController()
  let retryTimer: NodeJS.Timeout | null = null
  let ca: string | null | undefined

  const trusted = async (): Promise<string | null> => {
    if (ca === undefined) ca = deps.config.caFile ? await readFile(deps.config.caFile, 'utf8') : null
    return ca
  }

  const send = async (method: 'GET' | 'POST', url: string, body?: Uint8Array) => {
    const headers = await signFederationRequest(
      { method, url, ...(body ? { body } : {}) },
      deps.signingKey,
      action.clock.now(),
    )
    return federationHttp({
      method,
      url,
      headers,
      ...(body ? { body } : {}),
      ca: await trusted(),
      timeoutMs: requestTimeoutMs,
      signal: stopping.signal,
    })
  }

  const failed = async (
    peer: Peer,
    state: PeerState,
    startedAt: Date,
    error: string,
    extra: { acked?: number } = {},
  ) => {
    const attempts = state.attempts + 1
    const at = action.clock.now()
    const parked = attempts >= deps.config.parkAfter
    await recordPushFailed(db, peer.nodeId, {
      error,
      at,
      startedAt,
      attempts,
      parked,
      nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts, pushRetry)),
      ...extra,
      contact: extra.acked !== undefined,
    })
    log.warn({ peer: peer.nodeId, attempts, parked, error }, 'a push to a peer failed')
  }

  /** One batch to one peer; true when it was answered and more may wait. */
  const pushOnce = async (peer: Peer, state: PeerState): Promise<boolean> => {
    let entries = await outboxAfter(db, peer.nodeId, state.ackedSeq, maxStreamBatch)
    if (entries.length === 0) return false
    const batchOf = (list: typeof entries) =>
      Buffer.from(
        JSON.stringify({
          protocol: federationProtocol.current,
          from: action.nodeId,
          to: peer.nodeId,
          entries: list.map(({ seq, prev, event }) => ({ seq, prev, event })),
        }),
      )
    let body = batchOf(entries)
    while (body.length > batchBudgetBytes && entries.length > 1) {
      entries = entries.slice(0, Math.ceil(entries.length / 2))
      body = batchOf(entries)
    }
    let answer: { status: number; text: string }
    const startedAt = action.clock.now()
    try {
      answer = await send('POST', peerUrl(peer.baseUrl, 'federation/v1/stream'), body)
    } catch (error) {
      // given up because the node stops: not the peer's failure
      if (closed) return false
      await failed(peer, state, startedAt, error instanceof Error ? error.message : String(error))
      return false
    }
    let parsed: {
      head?: { seq?: unknown }
      refusal?: { reason?: unknown; detail?: unknown } | null
      error?: { code?: unknown; message?: unknown }
    }
    try {
      parsed = JSON.parse(answer.text) as typeof parsed
    } catch {
      parsed = {}
    }
    if (answer.status !== 200 || typeof parsed.head?.seq !== 'number') {
      const why = parsed.error
        ? `${String(parsed.error.code)}: ${String(parsed.error.message)}`
        : 'no answer body'
      await failed(peer, state, startedAt, `HTTP ${answer.status} (${why})`)
      return false
    }
    const acked = parsed.head.seq
    if (parsed.refusal) {
      await failed(
        peer,
        state,
        startedAt,
        `refused: ${String(parsed.refusal.reason)} (${String(parsed.refusal.detail)})`,
        {
          acked,
        },
      )
      return false
    }
    await recordPushAnswered(db, peer.nodeId, {
      acked,
      protocol: federationProtocol.current,
      at: action.clock.now(),
    })
    return acked > state.ackedSeq && acked >= (entries.at(-1)?.seq ?? 0)
  }

  const pass = async () => {
    const peers = await listPeers(db)
    let nextRetry: number | null = null
    for (const peer of peers) {
      for (;;) {
        if (closed) return
        const state = (await listPeerStates(db)).find((s) => s.peer === peer.nodeId)
        if (!state || state.ackedSeq >= state.outbound.seq) break
        const now = action.clock.now().getTime()
        if (state.nextAttemptAt && state.nextAttemptAt.getTime() > now) {
          const at = state.nextAttemptAt.getTime()
          nextRetry = nextRetry === null ? at : Math.min(nextRetry, at)
          break
        }
        if (!(await pushOnce(peer, state))) {
          const after = (await listPeerStates(db)).find((s) => s.peer === peer.nodeId)
          const at = after?.nextAttemptAt?.getTime()
          if (at !== undefined && after && after.ackedSeq < after.outbound.seq)
            nextRetry = nextRetry === null ? at : Math.min(nextRetry, at)
          break
        }
      }
    }
    if (nextRetry !== null && !closed) {
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = setTimeout(
        () => {
          retryTimer = null
          run()
        },
        Math.max(0, nextRetry - action.clock.now().getTime()),
      )
      retryTimer.unref()
    }
  }

  /** Catch-up: each peer's stream for this node after what this node holds, received as pushed. */
  const pull = async () => {
    for (const peer of await listPeers(db)) {
      for (let page = 0; page < 1000 && !closed; page++) {
        const state = (await listPeerStates(db)).find((s) => s.peer === peer.nodeId)
        const after = state?.inbound.seq ?? 0
        let answer: { status: number; text: string }
        try {
          answer = await send('GET', peerUrl(peer.baseUrl, `federation/v1/stream?after=${after}`))
        } catch (error) {
          if (!closed)
            log.info(
              { peer: peer.nodeId, err: error },
              'could not pull from a peer; it pushes when it is back',
            )
          break
        }
        if (answer.status !== 200) {
          log.warn({ peer: peer.nodeId, status: answer.status }, 'a peer refused a pull')
          break
        }
        let batch: { entries?: unknown[] }
        try {
          batch = JSON.parse(answer.text) as typeof batch
        } catch {
          break
        }
        const received = await receiveStreamBatch(action, {
          peer: peer.nodeId,
          batch,
          source: `pull ${peer.nodeId}`,
          keyGraceSeconds: deps.config.keyGraceSeconds,
        })
        if (received.refusal || received.accepted === 0) break
      }
    }
  }

  const runs = coalescedRuns(pass, {
    active: () => !closed,
    failed: (error) => log.error({ err: error }, 'the federation push failed; it runs again on its timer'),
  })
  const run = (): void => runs.run()

  const timer = setInterval(run, deps.config.pushSeconds * 1000)
  timer.unref()
  let pulling: Promise<void> | null = pull()
    .catch((error: unknown) => log.error({ err: error }, 'the federation pull failed'))
    .finally(() => {
      pulling = null
    })
  run()

  return {
    wake: run,
    async close() {
      closed = true
      stopping.abort()
      clearInterval(timer)
      if (retryTimer) clearTimeout(retryTimer)
      await runs.current
      if (pulling) await pulling
    },
  }
}
