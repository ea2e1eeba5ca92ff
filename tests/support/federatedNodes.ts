import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import type { Distribution, EventDraft, NewPeerInput, Tlp } from '@liaison/core'
import type { RunningNode } from '@liaison/server'
import { addPeer, runAction, startNode } from '@liaison/server'
import type { TestEngine } from './engines.ts'
import { captureLog, testConfig } from './testNode.ts'

const operator = { kind: 'operator', label: 'test' } as const

/** A node of a federation test: listening on loopback, on a database and key files of its own. */
export interface FederatedNode {
  node: RunningNode
  /** Its Ed25519 signing key's file: a test may put another key there before `start`. */
  readonly signingKeyFile: string
  /** Starts it again on the same store and keys, with these configuration keys changed. */
  start(extra?: Record<string, string | number | boolean>): Promise<RunningNode>
  dispose(): Promise<void>
}

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
 * `a` trusts `b` as a peer, as its operator would with `liaison peer add --from-url`: its URL,
 * key and (from its node document, checked against that key) organisations, and a policy.
 */
export async function trustPeer(
  a: RunningNode,
  b: RunningNode,
  policy: Pick<NewPeerInput, 'statuses' | 'tlp' | 'distributions'> = {
    statuses: ['actual', 'exercise'],
    tlp: ['GREEN', 'AMBER'],
    distributions: ['case', 'federation', 'neighbours'],
  },
  /** The address `a` reaches `b` at (a front before it), if not `b`'s own. */
  url: string = b.url,
): Promise<void> {
  const doc: unknown = await (await fetch(`${b.url}/federation/v1/node`)).json()
  await addPeer(a.deps, {
    peer: { nodeId: b.deps.nodeId, baseUrl: url, publicKey: b.deps.signingKey.publicKey, ...policy },
    caller: operator,
    source: 'test',
    document: { ok: true, value: doc },
  })
}

/** Waits until `check` holds, polling every 50 ms; throws after `ms`. */
export async function waitFor(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('not in time')
}

/** Log entries written on `node` (not in a case), with this distribution and TLP; their ids. */
export async function writeLogEntries(
  node: RunningNode,
  count: number,
  distribution: Distribution,
  tlp: Tlp = 'GREEN',
) {
  const centre = await node.deps.store.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', 'centre')
    .executeTakeFirstOrThrow()
  const ids: string[] = []
  await runAction(node.deps, { action: 'test.log', actor: operator, source: 'test' }, async (ctx) => {
    for (let i = 0; i < count; i++) {
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
            text: `entry ${i}`,
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
