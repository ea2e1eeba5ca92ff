import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import type { RunningNode } from '@liaison/server'
import { addPeer, startNode } from '@liaison/server'
import type { TestEngine } from './engines.ts'
import { captureLog, testConfig } from './testNode.ts'

const operator = { kind: 'operator', label: 'test' } as const

/** Polls `check` every 50 ms until it holds, or throws after `ms`. */
export const waitFor = async (check: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('not in time')
}

/** A node listening on loopback with its own fresh database and key files under `root`; restartable. */
export interface RunningFederatedNode {
  node: RunningNode
  start(): Promise<RunningNode>
  dispose(): Promise<void>
}

export async function runningNode(
  engine: TestEngine,
  root: string,
  id: string,
  country: string,
  extra: Record<string, string | number | boolean> = {},
): Promise<RunningFederatedNode> {
  const db = await engine.fresh()
  const dir = mkdtempSync(join(root, `${id}-`))
  const config = testConfig(db.options, {
    'node.id': id,
    'node.name': `Centre ${id}`,
    'node.country': country,
    'http.host': '127.0.0.1',
    'auth.keyFile': join(dir, 'node.key'),
    'auth.signingKeyFile': join(dir, 'node-signing.key'),
    'audit.checkpointFile': join(dir, 'checkpoints.jsonl'),
    ...extra,
  })
  const running: RunningFederatedNode = {
    node: undefined as unknown as RunningNode,
    async start() {
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

/** `a` trusts `b`: its URL, key, organisations, and a policy taking cases and what goes to centres. */
export async function trust(a: RunningNode, b: RunningNode) {
  const doc: unknown = await (await fetch(`${b.url}/federation/v1/node`)).json()
  await addPeer(a.deps, {
    peer: {
      nodeId: b.deps.nodeId,
      baseUrl: b.url,
      publicKey: b.deps.signingKey.publicKey,
      statuses: ['actual', 'exercise'],
      tlp: ['GREEN', 'AMBER'],
      distributions: ['case', 'federation', 'neighbours'],
    },
    caller: operator,
    source: 'test',
    document: { ok: true, value: doc },
  })
}
