import type { Command } from 'commander'
import { LiaisonError } from '@liaison/core'
import type { BenchName } from '@liaison/server'
import { benchActions, benchLogPages, benchNames, parseBenchNames } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'

/** `liaison bench`: figures as ratios against a baseline measured in the same run. */
export function benchCommand(program: Command, context: CliContext): void {
  program
    .command('bench')
    .description(
      'measure actions, audit verification, live-stream latency and reading a long log a page at a time (each against a baseline of the same run)',
    )
    .option('--count <n>', 'actions to time', (v: string) => Number(v), 200)
    .option('--log-entries <n>', 'entries of the log read a page at a time', (v: string) => Number(v), 50_000)
    .option('--seconds <n>', 'how long each concurrent-writes measurement runs', (v: string) => Number(v), 3)
    .option('--database-url <url>', 'also measure on this PostgreSQL (default: LIAISON_BENCH_PG_URL)')
    .option('--only <names>', `run only these benches, comma-separated: ${benchNames.join(', ')}`)
    .option(
      '--profile <dir>',
      'write CPU profiles (.cpuprofile) of the log and minimal routes of the writes bench into this directory',
    )
    .option(
      '--engine <engine>',
      'measure only on pglite or only on postgres (default: both, if a database URL is given)',
    )
    .action(
      async (options: {
        count: number
        logEntries: number
        seconds: number
        databaseUrl?: string
        only?: string
        engine?: string
        profile?: string
      }) => {
        const log = context.createLogger({ level: 'error', destination: context.err })
        let only: ReadonlySet<BenchName> | undefined
        if (options.only !== undefined) {
          const parsed = parseBenchNames(options.only)
          if (!parsed.ok) throw new LiaisonError('validation_failed', parsed.error)
          only = parsed.value
        }
        if (options.engine !== undefined && options.engine !== 'pglite' && options.engine !== 'postgres')
          throw new LiaisonError(
            'validation_failed',
            `--engine takes pglite or postgres, not ${options.engine}`,
          )
        const pg = options.databaseUrl ?? context.env['LIAISON_BENCH_PG_URL']
        if (options.engine === 'postgres' && !pg)
          throw new LiaisonError(
            'validation_failed',
            '--engine postgres needs --database-url (or LIAISON_BENCH_PG_URL)',
          )
        const runs = [
          ...(options.engine === 'postgres' ? [] : [{ label: 'PGlite (embedded)', store: undefined }]),
          ...(pg && options.engine !== 'pglite' ? [{ label: 'PostgreSQL', store: { url: pg } }] : []),
        ]
        for (const run of runs) {
          context.out.write(`\n${run.label}\n`)
          const figures = [
            ...(await benchActions({
              log,
              store: run.store,
              count: options.count,
              seconds: options.seconds,
              only,
              profileDir: options.profile,
            })),
            ...(!only || only.has('pages')
              ? await benchLogPages({ log, store: run.store, entries: options.logEntries })
              : []),
          ]
          for (const f of figures) {
            context.out.write(
              `  ${f.name.padEnd(52)} ${f.value.toFixed(f.unit === 'ms' ? 2 : 0).padStart(9)} ${f.unit.padEnd(10)} ${f.ratio.toFixed(2).padStart(7)}× ${f.baseline.name} (${f.baseline.value.toFixed(f.unit === 'ms' ? 2 : 0)})\n`,
            )
          }
        }
      },
    )
}
