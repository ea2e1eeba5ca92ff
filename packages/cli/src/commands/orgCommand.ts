import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import type { Country, OrganisationKind } from '@liaison/core'
import { countries, organisationKinds } from '@liaison/core'
import { addOrganisation, listOrganisations, setGrantableRoles } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

export function choice<T extends string>(values: readonly T[], what: string) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`${what} must be one of ${values.join(', ')}`)
    }
    return value as T
  }
}

export function orgCommand(program: Command, context: CliContext): void {
  const org = program.command('org').description("a node's organisations: its centre and partners")

  withConfigFlags(
    org
      .command('add')
      .description('add an organisation (as the operator at this machine)')
      .requiredOption('--code <code>', 'short unique code: police-federale')
      .requiredOption('--name <name>', 'full name')
      .option(
        '--kind <kind>',
        `one of ${organisationKinds.join(', ')}`,
        choice(organisationKinds, 'kind'),
        'partner',
      )
      .option(
        '--org-country <country>',
        `one of ${countries.join(', ')} (default: the node's country)`,
        choice(countries, 'country'),
      ),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const created = await withStore(context, config, (deps) =>
      addOrganisation(deps, {
        organisation: {
          code: String(options['code']),
          name: String(options['name']),
          kind: options['kind'] as OrganisationKind,
          country: (options['orgCountry'] as Country | undefined) ?? config.node.country,
        },
        caller: operator(context),
        source: 'cli',
      }),
    )
    context.out.write(`added ${created.kind} ${created.code} (${created.name}) with id ${created.id}\n`)
  })

  withConfigFlags(
    org
      .command('grantable-roles')
      .description("set the roles a partner organisation's administrators may grant (its allow-list)")
      .requiredOption('--code <code>', 'the partner organisation')
      .requiredOption('--roles <roles>', 'comma-separated: viewer,partner,duty-officer,crisis-manager'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const roles = String(options['roles'])
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r.length > 0)
    const updated = await withStore(context, config, (deps) =>
      setGrantableRoles(deps, {
        caller: operator(context),
        orgCode: String(options['code']),
        roles,
        source: 'cli',
      }),
    )
    context.out.write(
      `${updated.code}'s administrators may grant: ${updated.grantableRoles?.join(', ') || 'no role'}\n`,
    )
  })

  withConfigFlags(
    org.command('list').description('list the organisations').option('--json', 'print JSON'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const orgs = await withStore(context, config, (deps) => listOrganisations(deps.store.db, config.node.id))
    if (options['json']) {
      context.out.write(`${JSON.stringify(orgs, null, 2)}\n`)
      return
    }
    const width = Math.max(4, ...orgs.map((o) => o.code.length))
    context.out.write(`${'code'.padEnd(width)}  kind     country  name\n`)
    for (const o of orgs) {
      const grants = o.grantableRoles ? ` (grants: ${o.grantableRoles.join(', ') || 'no role'})` : ''
      context.out.write(
        `${o.code.padEnd(width)}  ${o.kind.padEnd(7)}  ${o.country.padEnd(7)}  ${o.name}${grants}\n`,
      )
    }
  })
}
