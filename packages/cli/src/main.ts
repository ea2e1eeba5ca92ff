import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { LiaisonError, isLiaisonError } from '@liaison/core'
import { createLogger, liaisonVersion } from '@liaison/server'
import { demoCommand } from './commands/demoCommand.ts'
import { demoNodeCommand } from './commands/demoNodeCommand.ts'
import { migrateCommand } from './commands/migrateCommand.ts'
import { orgCommand } from './commands/orgCommand.ts'
import { tokenCommand } from './commands/tokenCommand.ts'
import { userCommand } from './commands/userCommand.ts'
import { auditCommand } from './commands/auditCommand.ts'
import { benchCommand } from './commands/benchCommand.ts'
import { capCommand, capUsageExit } from './commands/capCommand.ts'
import { importCommand } from './commands/importCommand.ts'
import { caseCommand } from './commands/caseCommand.ts'
import { nodeCommand } from './commands/nodeCommand.ts'
import { peerCommand } from './commands/peerCommand.ts'
import { startCommand } from './commands/startCommand.ts'
import type { CliContext } from './CliContext.ts'

/**
 * Runs the `liaison` command and returns its exit code. The environment is read here and
 * nowhere else; everything below gets what it needs as parameters.
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: Pick<CliContext, 'out' | 'err'> = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const context: CliContext = { env, cwd: process.cwd(), ...io, createLogger }
  const program = new Command('liaison')
    .description('Liaison: crisis-centre platform for the Benelux duty desks')
    .version(liaisonVersion)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) })
    .showSuggestionAfterError(true)
  startCommand(program, context)
  demoCommand(program, context)
  demoNodeCommand(program, context)
  migrateCommand(program, context)
  orgCommand(program, context)
  userCommand(program, context)
  tokenCommand(program, context)
  auditCommand(program, context)
  nodeCommand(program, context)
  peerCommand(program, context)
  benchCommand(program, context)
  capCommand(program, context)
  importCommand(program, context)
  caseCommand(program, context)
  const override = (command: Command): void => {
    command.exitOverride()
    command.commands.forEach(override)
  }
  override(program)

  try {
    // argv as node gives it (node, script, args…), also when run in-process by a test
    await program.parseAsync([...argv], { from: 'node' })
    return context.exitCode ?? 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0
      // `cap validate` and `cap import` say 2 for a usage error, as the issue asks
      return argv[2] === 'cap' ? capUsageExit : 64
    }
    const failure = isLiaisonError(error)
      ? error
      : error instanceof InvalidArgumentError
        ? new LiaisonError('usage', error.message)
        : new LiaisonError(
            'internal',
            error instanceof Error ? (error.stack ?? error.message) : String(error),
          )
    io.err.write(`liaison: ${failure.message}\n`)
    return failure.exitCode
  }
}
