import type { Command } from 'commander'
import { LiaisonError, capSourceState } from '@liaison/core'
import {
  addCapSource,
  capSourcePolling,
  findCapSourceByName,
  listCapSources,
  removeCapSource,
} from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

const whole = (v: string) => (/^\d+$/.test(v) ? Number(v) : Number.NaN)

/** `liaison cap source add|list|remove`: the CAP feeds the node polls (decision 031). */
export function capSourceCommand(cap: Command, context: CliContext): void {
  const source = cap
    .command('source')
    .description("other authorities' CAP feeds the node polls for warnings in force")

  withConfigFlags(
    source
      .command('add')
      .description('add a source: an Atom or RSS index feed of CAP documents, or one CAP document')
      .argument('<name>', 'a name of its own on this node: "KNMI", "MeteoLux"')
      .argument('<url>', 'the http(s) address of the feed or document')
      .option('--poll <seconds>', 'seconds between requests (30-86400)', whole, 300)
      .option(
        '--stale-after <seconds>',
        'seconds unanswered or unchanged before it is stale (at least --poll)',
        whole,
        3600,
      )
      .option('--disabled', 'add it without polling it yet'),
  ).action(async (name: string, url: string, options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const added = await withStore(context, config, (deps) =>
      addCapSource(deps, {
        source: {
          name,
          url,
          pollSeconds: options['poll'] as number,
          staleAfterSeconds: options['staleAfter'] as number,
          enabled: options['disabled'] !== true,
        },
        caller: operator(context),
        origin: 'cli',
      }),
    )
    context.out.write(`added CAP source ${added.id} (${added.name}): ${added.url}\n`)
  })

  withConfigFlags(
    source.command('list').description('one JSON line per source: its address, state, last error'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const rows = await withStore(context, config, (deps) => listCapSources(deps.store.db))
    const now = new Date()
    for (const row of rows) {
      const state = capSourceState(capSourcePolling(row), now)
      const line = {
        id: row.id,
        name: row.name,
        url: row.url,
        pollSeconds: row.poll_seconds,
        staleAfterSeconds: row.stale_after_seconds,
        enabled: row.enabled,
        state,
        lastFetchedAt: row.last_fetched_at?.toISOString() ?? null,
        lastChangedAt: row.last_changed_at?.toISOString() ?? null,
        lastError: row.last_error,
        skipped: row.skipped.length,
      }
      context.out.write(`${JSON.stringify(line)}\n`)
    }
  })

  withConfigFlags(
    source
      .command('remove')
      .description('stop polling a source; the alerts read from it stay')
      .argument('<name>', "the source's name"),
  ).action(async (name: string, options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const removed = await withStore(context, config, async (deps) => {
      const row = await findCapSourceByName(deps.store.db, name)
      if (!row) throw new LiaisonError('not_found', `no CAP source named '${name}' on this node`)
      return removeCapSource(deps, { id: row.id, caller: operator(context), origin: 'cli' })
    })
    context.out.write(`removed CAP source ${removed.id} (${removed.name})\n`)
  })
}
