import type { Command } from 'commander'
import { LiaisonError } from '@liaison/core'
import { sha256Hex, verifyAuditChain } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

export function auditCommand(program: Command, context: CliContext): void {
  const audit = program.command('audit').description("the node's hash-chained audit log")
  withConfigFlags(
    audit.command('verify').description('check every row of the chain; names the first broken one'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const result = await withStore(context, config, (deps) => verifyAuditChain(deps.store.db, sha256Hex))
    if (result.ok) {
      context.out.write(`audit chain intact: ${result.rows} rows, head ${result.head}\n`)
      return
    }
    const problem = result.problem
    const why =
      problem.kind === 'changed'
        ? `row ${problem.seq} was changed after it was written`
        : problem.kind === 'unlinked'
          ? `row ${problem.seq} does not follow the row before it (a row was inserted or replaced)`
          : problem.kind === 'gap'
            ? `row ${problem.expectedSeq} is missing (deleted); the next row is ${problem.seq}`
            : `the chain ends before its recorded head (row ${problem.seq}): rows were deleted from the end`
    throw new LiaisonError(
      'integrity_failed',
      `audit chain BROKEN after ${result.rows} good rows: ${why}`,
      problem,
    )
  })
}
