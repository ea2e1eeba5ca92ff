import { join } from 'node:path'
import type { Logger } from 'pino'
import { LiaisonError } from '@liaison/core'
import type { LogLevel, NodeConfig } from '../config.ts'
import { loadConfig, loopbackHosts } from '../config.ts'
import type { RunningNode } from '../node/startNode.ts'
import { startNode } from '../node/startNode.ts'
import { demoCentres } from './demoCentres.ts'
import { seedDemoCentre } from './seedDemoCentre.ts'
import { seedDemoDay } from './seedDemoDay.ts'

export interface DemoOptions {
  readonly host: string
  /** One port per centre, in the order BE, NL, LU. */
  readonly ports: readonly [number, number, number]
  /** Each centre's embedded database lives in `<dataDir>/<node>/`. */
  readonly dataDir: string
  readonly logLevel: LogLevel
  readonly log: Logger
}

export interface RunningDemo {
  readonly nodes: readonly RunningNode[]
  close(): Promise<void>
}

/** The demo's configuration of one centre, validated like any node's. */
export function demoNodeConfig(options: Omit<DemoOptions, 'log'>, index: number): NodeConfig {
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
      'store.dataDir': join(options.dataDir, centre.nodeId),
      'log.level': options.logLevel,
    },
  })
}

/** Three centres (BE, NL, LU) in one process, each with its own embedded database. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const nodes: RunningNode[] = []
  try {
    for (const [index, centre] of demoCentres.entries()) {
      nodes.push(
        await startNode({
          config: demoNodeConfig(options, index),
          log: options.log,
          seed: async (deps) => {
            await seedDemoCentre(deps, centre)
            try {
              await seedDemoDay(deps, centre.nodeId)
            } catch (error) {
              // a data directory that did not start as a demo may lack what the day needs
              deps.log.warn({ err: error }, 'the demo day could not be seeded')
            }
          },
          demo: { users: centre.users },
        }),
      )
    }
  } catch (error) {
    await Promise.allSettled(nodes.map((n) => n.close()))
    throw error
  }
  return {
    nodes,
    async close() {
      await Promise.allSettled(nodes.map((n) => n.close()))
    },
  }
}
