import { resolve } from 'node:path'
import type { Command } from 'commander'
import { LiaisonError, readCsv } from '@liaison/core'
import type { CitizenChannels } from '@liaison/server'
import {
  citizenChannelsFor,
  citizenSender,
  closeCitizenChannels,
  importSubscribers,
  readSubscriberRows,
  subscriberColumns,
} from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'
import { readInputFile } from './readInputFile.ts'

/** Four megabytes of CSV: some tens of thousands of people, a municipality's list. */
const maxBytes = 4 * 1024 * 1024

/**
 * `liaison import subscribers FILE.csv --consent-basis TEXT`: a municipality's existing list
 * (decision 040). Each refused row is reported with its line and reason; each imported address
 * gets a first message (its welcome code, how to confirm, change or leave) through its channel.
 */
export function importSubscribersCommand(imports: Command, context: CliContext): void {
  withConfigFlags(
    imports
      .command('subscribers')
      .description(
        'import a list of citizens (CSV) for public warnings, with the consent basis it was collected under; each address gets a first message saying how to confirm, change or leave; exit 0 all imported, 1 some rows refused',
      )
      .argument('<file>', `CSV, its first line naming the columns: ${subscriberColumns.join(', ')}`)
      .requiredOption(
        '--consent-basis <text>',
        'the legal basis the list was collected under, recorded with each subscriber',
      )
      .option('--no-send', 'import without sending the first messages (they are not recorded as sent)'),
  ).action(async (file: string, options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const consentBasis = String(options['consentBasis']).trim()
    if (consentBasis.length === 0 || consentBasis.length > 500)
      throw new LiaisonError(
        'usage',
        '--consent-basis: say, in up to 500 characters, on what basis the list was collected',
      )
    let text: string
    try {
      const bytes = await readInputFile(resolve(context.cwd, file), maxBytes)
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      throw new LiaisonError('validation_failed', `${file}: not a readable UTF-8 CSV file (${why})`)
    }
    const send = options['send'] !== false
    const channels: CitizenChannels = send ? citizenChannelsFor(config) : {}
    try {
      const result = await withStore(context, config, async (deps) => {
        const sender = citizenSender(
          { db: deps.store.db, ids: deps.ids, clock: deps.clock, log: deps.log, centre: config.node.name },
          channels,
        )
        const publicBase = (
          config.public.url ?? `http://${config.public.host}:${config.public.port}`
        ).replace(/\/+$/, '')
        // without sending, every kind may be imported; with it, only those a channel carries
        const kinds = send ? sender.kinds : new Set<'sms' | 'email'>(['sms', 'email'])
        const citizenDeps = {
          ...deps,
          sender: { ...sender, kinds },
          pushOffered: false,
          pushHosts: config.push.serviceHosts,
          publicBase: () => publicBase,
          centre: config.node.name,
        }
        const csv = readCsv(text)
        const read = readSubscriberRows(citizenDeps, csv.records)
        const done = await importSubscribers(citizenDeps, {
          rows: read.rows,
          consentBasis,
          caller: operator(context),
          source: 'cli',
        })
        const outcomes = send && done.codes.length > 0 ? await sender.send(done.codes) : []
        sender.close()
        const refused = [
          ...csv.problems.map((p) => ({ line: p.line, reason: p.reason.replaceAll('_', ' ') })),
          ...read.refused,
          ...done.refused,
        ].sort((a, b) => a.line - b.line)
        return { imported: done.imported, refused, outcomes, codes: done.codes.length }
      })
      const failed = result.outcomes.filter((o) => o.state === 'failed' || o.state === 'gone').length
      context.out.write(
        `imported ${result.imported} subscribers from ${file} (consent basis: ${consentBasis}); ${result.refused.length} rows refused; ` +
          (send
            ? `${result.outcomes.length - failed} first messages sent, ${failed} failed\n`
            : `${result.codes} first messages not sent (--no-send)\n`),
      )
      for (const r of result.refused) context.out.write(`refused line ${r.line}: ${r.reason}\n`)
      context.exitCode = result.refused.length === 0 && failed === 0 ? 0 : 1
    } finally {
      await closeCitizenChannels(channels)
    }
  })
}
