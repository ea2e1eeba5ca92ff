import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import type { Distribution, EventDraft, Tlp } from '@liaison/core'
import type { RunningNode } from '@liaison/server'
import { addPeer, runAction, startNode } from '@liaison/server'
import type { TestEngine } from './engines.ts'
import { captureLog, testConfig } from './testNode.ts'

/**
 * Nodes of a federation for the integration tests: each on a database of its own, listening on
 * loopback, restartable on the same store and keys; peering between them; shared entries.
 */
export interface FederatedNode {
  node: RunningNode
  /** Its Ed25519 signing key's file: a test may put another key there before `start`. */
  readonly signingKeyFile: string
  /** Starts it again on the same store and keys, with these configuration keys changed. */
  start(extra?: Record<string, string | number | boolean>): Promise<RunningNode>
  dispose(): Promise<void>
}

const operator = { kind: 'operator', label: 'test' } as const

/** A node `id` of `country` on a fresh database of `engine`, its key files under `root`. */
export async function federatedNode(
  engine: TestEngine,
  root: string,
  id: string,
  country: string,
  extra: Record<string, string | number | boolean> = {},
): Promise<FederatedNode> {
  const db = await engine.fresh()
  const dir = mkdtempSync(join(root, `${id}-`))
  const signingKeyFile = join(dir, 'node-signing.key')
  const settings = {
    'node.id': id,
    'node.name': `Centre ${id}`,
    'node.country': country,
    'http.host': '127.0.0.1',
    'auth.keyFile': join(dir, 'node.key'),
    'auth.signingKeyFile': signingKeyFile,
    'audit.checkpointFile': join(dir, 'checkpoints.jsonl'),
    ...extra,
  }
  const running: FederatedNode = {
    node: undefined as unknown as RunningNode,
    signingKeyFile,
    async start(more = {}) {
      const config = testConfig(db.options, { ...settings, ...more })
      running.node = await startNode({ config, log: captureLog().log, listen: true })
      return running.node
    },
    async dispose() {
      await running.node.close().catch(() => {})
      await db.dispose()
    },
  }
  await running.start()
  return running
}

/**
 * `a` trusts `b` as a peer: its URL (or `url`, a front in between), key, organisations (from its
 * node document) and a policy taking actual and exercise items, GREEN and AMBER, of `distributions`.
 */
export async function trustPeer(
  a: RunningNode,
  b: RunningNode,
  options: { url?: string; distributions?: readonly Distribution['kind'][] } = {},
): Promise<void> {
  const doc: unknown = await (await fetch(`${b.url}/federation/v1/node`)).json()
  await addPeer(a.deps, {
    peer: {
      nodeId: b.deps.nodeId,
      baseUrl: options.url ?? b.url,
      publicKey: b.deps.signingKey.publicKey,
      statuses: ['actual', 'exercise'],
      tlp: ['GREEN', 'AMBER'],
      distributions: [...(options.distributions ?? ['federation', 'neighbours'])],
    },
    caller: operator,
    source: 'test',
    document: { ok: true, value: doc },
  })
}

/** Daily-log entries of `node`'s centre with this distribution and TLP, one action; their ids. */
export async function writeCentreEntries(
  node: RunningNode,
  texts: readonly string[],
  distribution: Distribution = { kind: 'federation' },
  tlp: Tlp = 'GREEN',
): Promise<string[]> {
  const centre = await node.deps.store.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', 'centre')
    .executeTakeFirstOrThrow()
  const ids: string[] = []
  await runAction(node.deps, { action: 'test.log', actor: operator, source: 'test' }, async (ctx) => {
    for (const text of texts) {
      const id = node.deps.ids.next()
      ids.push(id)
      const at = new Date()
      const draft: EventDraft = {
        body: {
          kind: 'log-entry.appended',
          entry: {
            id,
            caseId: null,
            orgId: centre.id,
            authorId: 'test',
            authorName: 'Test',
            occurred: { at, zone: 'Europe/Brussels', qualifier: 'exact' },
            occurredAt: at,
            recordedAt: at,
            discipline: 'multidisciplinary',
            source: 'phone',
            text,
            location: null,
            supersedes: null,
          },
        },
        subject: id,
        orgId: centre.id,
        distribution,
        tlp,
        status: 'actual',
      }
      ctx.emit(draft)
    }
    await Promise.resolve()
  })
  return ids
}

/** Polls `check` every 50 ms until it holds, or fails after `ms`. */
export async function waitUntil(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`not in time (${ms} ms)`)
}
