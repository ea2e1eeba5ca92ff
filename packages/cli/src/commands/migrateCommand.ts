import type { Command } from 'commander'
import { bindNode, migrate, openStore, storeOptions } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { loadCliConfig } from './loadCliConfig.ts'

export function migrateCommand(program: Command, context: CliContext): void {
  withConfigFlags(
    program.command('migrate').description("bring the node's database schema up to date"),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const store = await openStore(storeOptions(config))
    try {
      const report = await migrate(store.db)
      await bindNode(store.db, config.node.id)
      context.out.write(
        report.applied.length > 0
          ? `applied ${report.applied.join(', ')} to ${store.location}\n`
          : `${store.location} is up to date (${report.current ?? 'no migrations'})\n`,
      )
    } finally {
      await store.close()
    }
  })
}
