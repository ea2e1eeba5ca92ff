import type { NodeConfig } from '@liaison/server'
import { loadConfig } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { configFlagValues } from '../configFlags.ts'

export function loadCliConfig(context: CliContext, options: Record<string, unknown>): NodeConfig {
  return loadConfig({
    file: typeof options['config'] === 'string' ? options['config'] : undefined,
    env: context.env,
    flags: configFlagValues(options),
    cwd: context.cwd,
  })
}
