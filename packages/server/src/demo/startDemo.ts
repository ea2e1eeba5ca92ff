import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { LiaisonError } from '@liaison/core'
import type { LogLevel, NodeConfig } from '../config.ts'
import { loadConfig, loopbackHosts } from '../config.ts'
import type { RunningNode } from '../node/startNode.ts'
import { startNode } from '../node/startNode.ts'
import { demoCentres } from './demoCentres.ts'
import type { DemoNodeAddress, DemoNodeProcess } from './demoNodeProcess.ts'
import { watchDemoNodeProcess } from './demoNodeProcess.ts'
import { seedDemoCentre } from './seedDemoCentre.ts'
import { seedDemoDay } from './seedDemoDay.ts'
import { seedDemoTemplates } from './seedDemoTemplates.ts'
import { trustDemoPeers } from './trustDemoPeers.ts'

export interface DemoNodeOptions {
  readonly host: string
  /** One port per centre, in the order BE, NL, LU. */
  readonly ports: readonly [number, number, number]
  /** One port per centre for its public listener (0: any free port); all 0 when not given. */
  readonly publicPorts?: readonly [number, number, number]
  /** Each centre's embedded database lives in `<dataDir>/<node>/`. */
  readonly dataDir: string
  readonly logLevel: LogLevel
  /**
   * The simulated networks the centres send through (`liaison demo` starts them, packages/sim):
   * the SMSC's operators file and the SMTP sink's address. Left out, the centres offer Web Push only.
   */
  readonly networks?: { readonly smsOperatorsFile?: string; readonly smtpUrl?: string }
}

export interface DemoOptions extends DemoNodeOptions {
  /**
   * Starts the process of centre `index` (the CLI forks itself: `liaison demo-node`), with an
   * IPC channel on which it says it is ready (demoNodeProcess.ts).
   */
  readonly launch: (index: number) => ChildProcess
  /** Told when a node's process exits unexpectedly, and whether it is restarted. */
  readonly report: (line: string) => void
  /** How long a node may take to start (seeding a new database included); default 180 s. */
  readonly readyTimeoutMs?: number
}

export interface RunningDemo {
  readonly nodes: readonly DemoNodeAddress[]
  close(): Promise<void>
}

/** The demo's configuration of one centre, validated like any node's. */
export function demoNodeConfig(options: DemoNodeOptions, index: number): NodeConfig {
  const centre = demoCentres[index]
  if (!centre) throw new LiaisonError('usage', `the demo has ${demoCentres.length} centres`)
  return loadConfig({
    env: {},
    cwd: process.cwd(),
    defaults: {
      'node.id': centre.nodeId,
      'node.name': centre.name,
      'node.country': centre.country,
      'http.host': options.host,
      'http.port': options.ports[index] ?? 0,
      // its sign-in list gives every account away: it answers only under the machine's own names
      'http.allowedHosts': loopbackHosts,
      'public.host': options.host,
      'public.port': options.publicPorts?.[index] ?? 0,
      'public.allowedHosts': loopbackHosts,
      'store.dataDir': join(options.dataDir, centre.nodeId),
      'log.level': options.logLevel,
      ...(options.networks?.smsOperatorsFile
        ? { 'sms.operatorsFile': options.networks.smsOperatorsFile }
        : {}),
      ...(options.networks?.smtpUrl
        ? { 'email.smtpUrl': options.networks.smtpUrl, 'email.from': `noreply@${centre.nodeId}.demo` }
        : {}),
    },
  })
}

/** One demo centre in this process, with its embedded database, seeded on its first start. */
export async function startDemoNode(
  options: DemoNodeOptions & { readonly log: Logger },
  index: number,
): Promise<RunningNode> {
  const centre = demoCentres[index]
  if (!centre) throw new LiaisonError('usage', `the demo has ${demoCentres.length} centres`)
  const node = await startNode({
    config: demoNodeConfig(options, index),
    log: options.log,
    seed: async (deps) => {
      await seedDemoCentre(deps, centre)
      try {
        await seedDemoDay(deps, centre.nodeId)
        await seedDemoTemplates(deps, centre.country, `alert@${centre.centre.code}.demo`)
      } catch (error) {
        // a data directory that did not start as a demo may lack what the day needs
        deps.log.warn({ err: error }, 'the demo day could not be seeded')
      }
    },
    demo: { users: centre.users },
  })
  // the three centres trust one another's keys once each has answered (trustDemoPeers.ts)
  const others = demoCentres.flatMap((other, j) => {
    const port = options.ports[j]
    if (j === index || !port) return []
    const url = new URL(node.url)
    url.port = String(port)
    return [{ nodeId: other.nodeId, url: url.origin }]
  })
  const trust = trustDemoPeers(node.deps, others)
  return {
    ...node,
    async close() {
      trust.stop()
      await trust.done
      await node.close()
    },
  }
}

/** How long a node has to stop cleanly before it is killed. */
const stopGraceMs = 20_000

async function readyWithin(node: DemoNodeProcess, ms: number, nodeId: string): Promise<DemoNodeAddress> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LiaisonError('internal', `centre ${nodeId} did not start within ${ms / 1000} s`)),
      ms,
    )
  })
  try {
    return await Promise.race([node.ready, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The three centres (BE, NL, LU), each in its own process with its own embedded database, so
 * that one stopped, crashed or busy (a long query on PGlite holds its event loop) leaves the
 * others answering. The demo supervises them: a node whose process exits is reported and
 * restarted once; closing stops them all.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const readyMs = options.readyTimeoutMs ?? 180_000
  const current: DemoNodeProcess[] = []
  const restarted = new Set<number>()
  let stopping = false

  const supervise = (index: number, node: DemoNodeProcess) => {
    const nodeId = demoCentres[index]?.nodeId ?? String(index)
    void node.exited.then(({ code, signal }) => {
      if (stopping || current[index] !== node) return
      const how = signal ?? `code ${String(code)}`
      if (restarted.has(index)) {
        options.report(`centre ${nodeId} exited again (${how}); not restarting it, the others keep running`)
        return
      }
      restarted.add(index)
      options.report(`centre ${nodeId} exited (${how}); restarting it once`)
      const again = watchDemoNodeProcess(nodeId, options.launch(index))
      current[index] = again
      supervise(index, again)
      readyWithin(again, readyMs, nodeId).then(
        (address) => options.report(`centre ${nodeId} is back at ${address.url}/`),
        (error: Error) => options.report(`centre ${nodeId} did not come back: ${error.message}`),
      )
    })
  }

  const closeAll = async () => {
    stopping = true
    await Promise.allSettled(current.map((n) => n.stop(stopGraceMs)))
  }

  let nodes: DemoNodeAddress[]
  try {
    for (const [index, centre] of demoCentres.entries())
      current.push(watchDemoNodeProcess(centre.nodeId, options.launch(index)))
    // started at once: each seeds its own database in its own process
    nodes = await Promise.all(current.map((n, i) => readyWithin(n, readyMs, demoCentres[i]?.nodeId ?? '')))
  } catch (error) {
    await closeAll()
    throw error
  }
  current.forEach((node, index) => supervise(index, node))
  return { nodes, close: closeAll }
}
