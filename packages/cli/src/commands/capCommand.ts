import { maxBytesOption, readInputFile } from './readInputFile.ts'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { ReadCap } from '@liaison/formats/cap'
import { importReceivedAlert } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { capSourceCommand } from './capSourceCommand.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

interface Problem {
  readonly path: string
  readonly message: string
}

interface CapFileLine {
  readonly file: string
  readonly valid: boolean
  readonly errors: readonly Problem[]
  readonly warnings: readonly Problem[]
}

/** The exit code of `cap validate` and `cap import` when called wrongly (as the issue asks: 2, not 64). */
export const capUsageExit = 2

function usage(context: CliContext, command: string, files: string[], maxBytes: number): boolean {
  if (files.length > 0 && Number.isInteger(maxBytes) && maxBytes >= 1) return true
  context.err.write(`liaison cap ${command}: give one or more files (and --max-bytes a positive integer)\n`)
  context.exitCode = capUsageExit
  return false
}

export function capCommand(program: Command, context: CliContext): void {
  const cap = program.command('cap').description('CAP 1.2 alert documents')
  cap
    .command('validate')
    .description(
      'check each CAP file: CAP 1.2 namespace, the official XSD and the section-3 rules; one JSON line per file; exit 0 all valid, 1 any invalid, 2 usage error',
    )
    .argument('[files...]', 'CAP XML files')
    .option(...maxBytesOption(1_048_576))
    .action(async (files: string[], options: { maxBytes: number }) => {
      const maxBytes = options.maxBytes
      if (!usage(context, 'validate', files, maxBytes)) return
      let allValid = true
      for (const file of files) {
        const checked = await checkFile(resolve(context.cwd, file), file, maxBytes)
        // validate is strict: every section-3 rule problem makes the file invalid
        const errors = [...checked.errors, ...checked.warnings]
        const line: CapFileLine = { file, valid: errors.length === 0, errors, warnings: [] }
        allValid &&= line.valid
        context.out.write(`${JSON.stringify(line)}\n`)
      }
      context.exitCode = allValid ? 0 : 1
    })

  withConfigFlags(
    cap
      .command('import')
      .description(
        "keep other authorities' CAP files as received alerts: read leniently (section-3 rule problems are warnings; not CAP 1.2, the XSD, a DTD or the size refuse the file); one JSON line per file as validate prints, with imported; exit 0 all imported, 1 any refused, 2 usage error",
      )
      .argument('[files...]', 'CAP XML files')
      .option(...maxBytesOption(1_048_576)),
  ).action(async (files: string[], options: Record<string, unknown>) => {
    const maxBytes = options['maxBytes'] as number
    if (!usage(context, 'import', files, maxBytes)) return
    const config = loadCliConfig(context, options)
    const checked = await Promise.all(
      files.map((file) => checkFile(resolve(context.cwd, file), file, maxBytes)),
    )
    let allImported = true
    await withStore(context, config, async (deps) => {
      for (const line of checked) {
        if (line.read === undefined || line.errors.length > 0) {
          allImported = false
          const { file, errors, warnings } = line
          context.out.write(`${JSON.stringify({ file, valid: false, errors, warnings, imported: false })}\n`)
          continue
        }
        const done = await importReceivedAlert(deps, {
          read: line.read,
          fileName: line.file,
          caller: operator(context),
          source: 'cli',
        })
        const { file, warnings } = line
        const answer = {
          file,
          valid: true,
          errors: [],
          warnings,
          imported: done.imported,
          id: done.id,
          ...(done.imported ? {} : { reason: 'already imported' }),
          ...(done.refersTo === null ? {} : { refersTo: done.refersTo }),
        }
        context.out.write(`${JSON.stringify(answer)}\n`)
      }
    })
    context.exitCode = allImported ? 0 : 1
  })

  capSourceCommand(cap, context)
}

interface CheckedFile {
  readonly file: string
  /** What refuses the file: unreadable, not CAP 1.2, hostile, or against the XSD. */
  readonly errors: readonly Problem[]
  /** The section-3 rule problems of a message that is still usable. */
  readonly warnings: readonly Problem[]
  readonly read?: ReadCap
}

async function checkFile(path: string, file: string, maxBytes: number): Promise<CheckedFile> {
  let bytes: Uint8Array
  try {
    bytes = await readInputFile(path, maxBytes)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { file, errors: [{ path: 'file', message }], warnings: [] }
  }
  // Loaded here, not at start: the codec brings libxml2's WebAssembly, which every other command
  // would otherwise pay for at start-up.
  const { readCap, validateCapXsd } = await import('@liaison/formats/cap')
  const read = readCap(bytes, { maxBytes })
  if (!read.ok) {
    return { file, errors: read.error.map(({ path, message }) => ({ path, message })), warnings: [] }
  }
  const errors = validateCapXsd(read.value.text, read.value.namespace)
  const warnings = read.value.warnings.map(({ path, message }) => ({ path, message }))
  return { file, errors, warnings, read: read.value }
}
