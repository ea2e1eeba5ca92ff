import type { Command } from 'commander'
import { benchActions, benchLogPages } from '@liaison/server'
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
    .option('--database-url <url>', 'also measure on this PostgreSQL (default: LIAISON_BENCH_PG_URL)')
    .action(async (options: { count: number; logEntries: number; databaseUrl?: string }) => {
      const log = context.createLogger({ level: 'error', destination: context.err })
      const pg = options.databaseUrl ?? context.env['LIAISON_BENCH_PG_URL']
      const runs = [
        { label: 'PGlite (embedded)', store: undefined },
        ...(pg ? [{ label: 'PostgreSQL', store: { url: pg } }] : []),
      ]
      for (const run of runs) {
        context.out.write(`\n${run.label}\n`)
        const figures = [
          ...(await benchActions({ log, store: run.store, count: options.count })),
          ...(await benchLogPages({ log, store: run.store, entries: options.logEntries })),
        ]
        for (const f of figures) {
          context.out.write(
            `  ${f.name.padEnd(52)} ${f.value.toFixed(f.unit === 'ms' ? 2 : 0).padStart(9)} ${f.unit.padEnd(10)} ${f.ratio.toFixed(2).padStart(7)}× ${f.baseline.name} (${f.baseline.value.toFixed(f.unit === 'ms' ? 2 : 0)})\n`,
          )
        }
      }
    })
}
