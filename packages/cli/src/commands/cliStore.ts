import type { ActionDeps, NodeConfig, Store } from '@liaison/server'
import {
  EventBus,
  SecretBox,
  bindNode,
  loadNodeKey,
  migrate,
  openStore,
  sha256Hex,
  startSequencer,
  storeOptions,
  systemClock,
  uuidv7Source,
} from '@liaison/server'
import type { CliContext } from '../CliContext.ts'

/** The operator at this machine: trusted by holding it, named by the login user. */
export function operator(context: CliContext) {
  return { kind: 'operator', label: context.env['USER'] ?? context.env['LOGNAME'] ?? 'unknown' } as const
}

/** Opens the node's store (migrated, bound to this node), runs the command's work, closes it. */
export async function withStore<T>(
  context: CliContext,
  config: NodeConfig,
  body: (deps: ActionDeps, store: Store) => Promise<T>,
): Promise<T> {
  // the node's key, as the node itself uses it (created here if the CLI runs first)
  const secrets = new SecretBox((await loadNodeKey(config.auth.keyFile)).key)
  const store = await openStore(storeOptions(config))
  try {
    await migrate(store.db)
    await bindNode(store.db, config.node.id)
    const log = context.createLogger({ level: config.log.level, destination: context.err })
    const bus = new EventBus()
    // the node's sequencer chains what the command writes; with no node running, this one does
    const sequencer = await startSequencer({ store, sha256: sha256Hex, log, bus })
    try {
      const deps: ActionDeps = {
        nodeId: config.node.id,
        store,
        clock: systemClock,
        ids: uuidv7Source(systemClock),
        bus,
        sequencer,
        log,
        sha256: sha256Hex,
        secrets,
      }
      return await body(deps, store)
    } finally {
      await sequencer.close()
    }
  } finally {
    await store.close()
  }
}
