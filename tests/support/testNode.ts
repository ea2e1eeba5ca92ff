import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { Clock, NodeConfig, RunningNode, StoreOptions } from '@liaison/server'
import { createLogger, loadConfig, startNode } from '@liaison/server'
import type { TestEngine } from './engines.ts'

/** Log lines the node wrote, parsed, so a test can assert on them. */
export interface CapturedLog {
  readonly lines: Record<string, unknown>[]
}

export function captureLog(): { log: ReturnType<typeof createLogger>; captured: CapturedLog } {
  const captured: CapturedLog = { lines: [] }
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) captured.lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  return { log: createLogger({ level: 'info', destination }), captured }
}

export function testConfig(
  store: StoreOptions,
  extra: Record<string, string | number | boolean> = {},
): NodeConfig {
  return loadConfig({
    env: {},
    cwd: process.cwd(),
    defaults: {
      'node.id': 'be',
      'node.name': 'Centre de crise national (NCCN)',
      'http.port': 0,
      // the API tests see the plain page; the end-to-end tests serve the built web application
      'http.webDir': '/nonexistent/liaison-web',
      ...(store.engine === 'pglite'
        ? { 'store.dataDir': store.dataDir }
        : // no data directory on PostgreSQL: the node's keys live in the system's temporary
          // directory, and each database's audit checkpoints in a file of its own there
          {
            'store.url': store.url,
            'auth.keyFile': join(tmpdir(), 'liaison-test-node.key'),
            'auth.signingKeyFile': join(tmpdir(), 'liaison-test-node-signing.key'),
            'audit.checkpointFile': join(
              tmpdir(),
              `${new URL(store.url).pathname.slice(1)}.checkpoints.jsonl`,
            ),
          }),
      ...extra,
    },
  })
}

export interface TestNode extends RunningNode {
  readonly captured: CapturedLog
  readonly storeOptions: StoreOptions
  /** Stops the node and throws its database away. */
  dispose(): Promise<void>
}

/** A node on a fresh database of the given engine; `listen` for tests that need a real socket. */
export async function startTestNode(
  engine: TestEngine,
  options: { listen?: boolean; clock?: Clock; config?: Record<string, string | number | boolean> } = {},
): Promise<TestNode> {
  const db = await engine.fresh()
  const { log, captured } = captureLog()
  const node = await startNode({
    config: testConfig(db.options, options.config),
    log,
    listen: options.listen ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  })
  let closed = false
  return {
    ...node,
    captured,
    storeOptions: db.options,
    async close() {
      if (closed) return
      closed = true
      await node.close()
    },
    async dispose() {
      if (!closed) await node.close()
      closed = true
      await db.dispose()
      rmSync(node.deps.config.audit.checkpointFile, { force: true })
    },
  }
}

/**
 * The flags a `liaison` command needs to act on the node `testConfig(store)` describes (BE's
 * centre): its data directory on PGlite; on PostgreSQL its URL and the key files.
 */
export function cliNodeFlags(store: StoreOptions): string[] {
  const config = testConfig(store)
  const base = ['--node-id', 'be', '--node-name', 'Centre de crise national (NCCN)']
  return store.engine === 'pglite'
    ? [...base, '--data-dir', config.store.dataDir]
    : [
        ...base,
        ...['--database-url', config.store.url ?? '', '--key-file', config.auth.keyFile],
        ...['--signing-key-file', config.auth.signingKeyFile],
      ]
}
