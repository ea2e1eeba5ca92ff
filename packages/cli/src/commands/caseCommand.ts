import { resolve } from 'node:path'
import type { Command } from 'commander'
import { importEdxlCase } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'
import { maxBytesOption, readInputFile } from './readInputFile.ts'

export function caseCommand(program: Command, context: CliContext): void {
  const cases = program.command('case').description('incidents and planned events')
  withConfigFlags(
    cases
      .command('import-edxl')
      .description(
        "open a case from another system's EDXL-DE 2.0 distribution carrying an EMSI message, in the name of a person of this node (their organisation owns it); read leniently (what had to be guessed is a warning; not EDXL-DE 2.0, no EMSI, a DTD or the size refuse the file); one JSON line; exit 0 imported, 1 refused",
      )
      .argument('<file>', 'EDXL-DE 2.0 XML file')
      .requiredOption('--username <name>', 'the person in whose name the case is opened (may manage cases)')
      .option(...maxBytesOption(1_048_576)),
  ).action(async (file: string, options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const maxBytes = options['maxBytes'] as number
    let bytes: Uint8Array
    try {
      bytes = await readInputFile(resolve(context.cwd, file), maxBytes)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      context.out.write(`${JSON.stringify({ file, imported: false, errors: [{ path: 'file', message }] })}\n`)
      context.exitCode = 1
      return
    }
    // loaded here, not at start: the reader brings libxml2's WebAssembly
    const { readEdxlCase } = await import('@liaison/formats/edxl')
    const read = readEdxlCase(bytes, { maxBytes })
    if (!read.ok) {
      context.out.write(`${JSON.stringify({ file, imported: false, errors: read.error })}\n`)
      context.exitCode = 1
      return
    }
    const done = await withStore(context, config, (deps) =>
      importEdxlCase(deps, {
        read: read.value,
        caller: operator(context),
        username: String(options['username']),
        fileName: file,
        source: 'cli',
      }),
    )
    const answer = {
      file,
      imported: true,
      id: done.case.id,
      title: done.case.title,
      status: done.case.status,
      original: {
        distributionId: read.value.distribution.id,
        senderId: read.value.distribution.senderId,
        emsiId: read.value.emsi.id,
        eventId: read.value.case.id,
      },
      warnings: done.warnings,
    }
    context.out.write(`${JSON.stringify(answer)}\n`)
    context.exitCode = 0
  })
}
