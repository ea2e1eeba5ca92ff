import { randomBytes } from 'node:crypto'
import type { Command } from 'commander'
import { LiaisonError, roles } from '@liaison/core'
import { addUser, listOrganisations, listUsers, resetUser } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)

/** A readable one-time password for a reset or a new account: 4 groups of 5 base32 characters. */
function generatedPassword(): string {
  return (randomBytes(15).toString('base64url').replace(/[-_]/g, 'x').match(/.{5}/g) ?? [])
    .slice(0, 4)
    .join('-')
}

export function userCommand(program: Command, context: CliContext): void {
  const user = program.command('user').description('people who sign in, and their roles')

  withConfigFlags(
    user
      .command('add')
      .description('add a user to an organisation of this node')
      .requiredOption('--org <code>', "the organisation's code")
      .requiredOption('--username <name>', 'sign-in name: 3-64 lower-case letters, digits, . _ -')
      .requiredOption('--display-name <name>', 'the name shown to others')
      .requiredOption('--roles <list>', `comma-separated: ${roles.join(', ')}`, list)
      .option('--password <password>', 'initial password (default: one is generated and printed)'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const password = typeof options['password'] === 'string' ? options['password'] : generatedPassword()
    const added = await withStore(context, config, (deps) =>
      addUser(deps, {
        caller: operator(context),
        orgCode: String(options['org']),
        username: String(options['username']),
        displayName: String(options['displayName']),
        roles: options['roles'] as string[],
        password,
        source: 'cli',
      }),
    )
    context.out.write(`added ${added.username} (${added.roles.join(', ')}) with id ${added.id}\n`)
    if (options['password'] === undefined) context.out.write(`initial password: ${password}\n`)
    context.out.write('the one-time code is set up at the first sign-in\n')
  })

  withConfigFlags(
    user
      .command('list')
      .description('list the users')
      .option('--org <code>', 'only this organisation')
      .option('--json', 'print JSON'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const users = await withStore(context, config, async (deps) => {
      const orgs = await listOrganisations(deps.store.db, config.node.id)
      const wanted = typeof options['org'] === 'string' ? orgs.filter((o) => o.code === options['org']) : orgs
      if (wanted.length === 0)
        throw new LiaisonError(
          'not_found',
          `no organisation with code '${String(options['org'])}' on this node`,
        )
      const all = await Promise.all(
        wanted.map(async (o) => (await listUsers(deps.store.db, o.id)).map((u) => ({ ...u, org: o.code }))),
      )
      return all.flat()
    })
    if (options['json']) {
      context.out.write(`${JSON.stringify(users, null, 2)}\n`)
      return
    }
    context.out.write('username          organisation      totp  state     roles\n')
    for (const u of users) {
      const state = u.disabled
        ? 'disabled'
        : u.lockedUntil && u.lockedUntil > new Date()
          ? 'locked'
          : 'active'
      context.out.write(
        `${u.username.padEnd(16)}  ${u.org.padEnd(16)}  ${(u.totpEnrolled ? 'yes' : 'no').padEnd(4)}  ${state.padEnd(8)}  ${u.roles.join(',')}\n`,
      )
    }
  })

  withConfigFlags(
    user
      .command('reset')
      .description("reset a user's password and/or one-time code; unlocks the account and ends its sessions")
      .requiredOption('--username <name>', 'who')
      .option('--password [password]', 'a new password (without a value: one is generated and printed)')
      .option('--totp', 'the user sets up a new one-time code at the next sign-in'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const password =
      options['password'] === true ? generatedPassword() : (options['password'] as string | undefined)
    const reset = await withStore(context, config, async (deps) => {
      return resetUser(deps, {
        caller: operator(context),
        user: { username: String(options['username']) },
        password,
        totp: options['totp'] === true,
        source: 'cli',
      })
    })
    context.out.write(
      `reset ${reset.username}${password !== undefined ? ': new password set' : ''}${options['totp'] ? ': one-time code cleared' : ''}\n`,
    )
    if (options['password'] === true) context.out.write(`new password: ${password}\n`)
  })
}
