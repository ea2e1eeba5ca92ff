import type { Command } from 'commander'
import { startNode } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { loadCliConfig } from './loadCliConfig.ts'
import { untilSignal } from './untilSignal.ts'

export function startCommand(program: Command, context: CliContext): void {
  withConfigFlags(program.command('start').description('run one node until SIGINT or SIGTERM')).action(
    async (options: Record<string, unknown>) => {
      const config = loadCliConfig(context, options)
      const log = context.createLogger({ level: config.log.level })
      const node = await startNode({ config, log })
      const address = node.deps.nodeUrl() === node.url ? '' : ` (its address: ${node.deps.nodeUrl()})`
      const services = node.services.join(',')
      if (node.services.includes('http'))
        context.err.write(`liaison: node ${config.node.id} listening on ${node.url}${address}\n`)
      if (node.publicUrl) context.err.write(`liaison: its public listener on ${node.publicUrl}\n`)
      if (!node.services.includes('http') && !node.publicUrl)
        context.err.write(
          `liaison: node ${config.node.id} running ${services}; no listener in this process\n`,
        )
      await untilSignal(() => node.close(), context.err)
    },
  )
}
