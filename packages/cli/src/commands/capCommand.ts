import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { ReadCap } from '@liaison/formats/cap'
import type { CliContext } from '../CliContext.ts'

interface CapFileLine {
  readonly file: string
  readonly valid: boolean
  readonly errors: readonly { path: string; message: string }[]
  readonly warnings: readonly { path: string; message: string }[]
}

/** The exit code of `cap validate` and `cap import` when called wrongly (as the issue asks: 2, not 64). */
export const capUsageExit = 2

export function capCommand(program: Command, context: CliContext): void {
  const cap = program.command('cap').description('CAP 1.2 alert documents')
  cap
    .command('validate')
    .description(
      'check each CAP file: CAP 1.2 namespace, the official XSD and the section-3 rules; one JSON line per file; exit 0 all valid, 1 any invalid, 2 usage error',
    )
    .argument('[files...]', 'CAP XML files')
    .option('--max-bytes <n>', 'largest file accepted', '1048576')
    .action(async (files: string[], options: { maxBytes: string }) => {
      const maxBytes = Number(options.maxBytes)
      if (files.length === 0 || !Number.isInteger(maxBytes) || maxBytes < 1) {
        context.err.write(
          'liaison cap validate: give one or more files (and --max-bytes a positive integer)\n',
        )
        context.exitCode = capUsageExit
        return
      }
      let allValid = true
      for (const file of files) {
        const line = await validateFile(resolve(context.cwd, file), file, maxBytes)
        allValid &&= line.valid
        context.out.write(`${JSON.stringify(line)}\n`)
      }
      context.exitCode = allValid ? 0 : 1
    })
}

async function validateFile(path: string, file: string, maxBytes: number): Promise<CapFileLine> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { file, valid: false, errors: [{ path: 'file', message }], warnings: [] }
  }
  // Loaded here, not at start: the codec brings libxml2's WebAssembly, which every other command
  // would otherwise pay for at start-up.
  const { readCap, validateCapXsd } = await import('@liaison/formats/cap')
  const read = readCap(bytes, { maxBytes })
  if (!read.ok) {
    return {
      file,
      valid: false,
      errors: read.error.map(({ path, message }) => ({ path, message })),
      warnings: [],
    }
  }
  const schema = validateCapXsd(read.value.text, read.value.namespace)
  const errors = [...schema, ...ruleErrors(read.value)]
  return { file, valid: errors.length === 0, errors, warnings: [] }
}

/** In `cap validate` every rule problem makes the file invalid; `cap import` keeps them as warnings. */
function ruleErrors(read: ReadCap): { path: string; message: string }[] {
  return read.warnings.map(({ path, message }) => ({ path, message }))
}
