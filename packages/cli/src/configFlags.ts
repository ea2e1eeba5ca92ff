import type { Command } from 'commander'
import { configHelp, configKeys } from '@liaison/server'

/** Adds one flag per configuration key (but those in `except`), plus --config, to a command. */
export function withConfigFlags(command: Command, except: readonly string[] = []): Command {
  command.option('--config <file>', 'JSON configuration file')
  for (const key of configKeys) {
    // a command whose own option has that name (peer add --url) does without the config flag
    if (except.includes(key.flag)) continue
    const isBoolean = key.key === 'http.trustProxy' || key.key === 'queue.echo'
    command.option(
      isBoolean ? `${key.flag} [bool]` : `${key.flag} <value>`,
      `${key.doc} (${key.key}, ${key.env})`,
    )
  }
  command.addHelpText('after', `\n${configHelp()}`)
  return command
}

/** The flags given on the command line, by configuration key. */
export function configFlagValues(options: Record<string, unknown>): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {}
  for (const key of configKeys) {
    const name = key.flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    const value = options[name]
    if (value === true) values[key.key] = 'true'
    else if (typeof value === 'string') values[key.key] = value
  }
  return values
}
