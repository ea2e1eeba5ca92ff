import type { createLogger } from '@liaison/server'

export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly out: NodeJS.WritableStream
  readonly err: NodeJS.WritableStream
  readonly createLogger: typeof createLogger
  /** Set by a command that finished but wants a non-zero exit code. */
  exitCode?: number
}
