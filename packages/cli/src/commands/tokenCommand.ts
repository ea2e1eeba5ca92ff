import type { Command } from 'commander'
import { permissions } from '@liaison/core'
import { createToken, revokeToken } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

export function tokenCommand(program: Command, context: CliContext): void {
  const token = program.command('token').description("API tokens for machines, acting within a user's rights")

  withConfigFlags(
    token
      .command('create')
      .description('create a token; its secret is printed once')
      .requiredOption('--username <name>', 'the user whose rights the token acts within')
      .requiredOption('--name <name>', 'what the token is for: "paging gateway"')
      .requiredOption('--scopes <list>', `comma-separated: ${permissions.join(', ')}`, (v: string) =>
        v.split(',').map((s) => s.trim()),
      )
      .option('--days <n>', 'days until it expires (1-365)', (v: string) => Number(v), 90),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const created = await withStore(context, config, (deps) =>
      createToken(deps, {
        caller: operator(context),
        username: String(options['username']),
        name: String(options['name']),
        scopes: options['scopes'] as string[],
        expiresInDays: options['days'] as number,
        source: 'cli',
      }),
    )
    context.out.write(
      `token ${created.token.id} (${created.token.name}), expires ${created.token.expiresAt.toISOString()}\n`,
    )
    context.out.write(`secret (shown once): ${created.secret}\n`)
  })

  withConfigFlags(
    token.command('revoke').description('revoke a token').requiredOption('--id <id>', "the token's id"),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const revoked = await withStore(context, config, (deps) =>
      revokeToken(deps, { caller: operator(context), tokenId: String(options['id']), source: 'cli' }),
    )
    context.out.write(`revoked ${revoked.id} (${revoked.name})\n`)
  })
}
