import { spawn } from 'node:child_process'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'

export const cliPath = fileURLToPath(new URL('../../packages/cli/bin/liaison.js', import.meta.url))
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Environment for a child `liaison`: ours, minus any LIAISON_ setting that would change its configuration. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && (!k.startsWith('LIAISON_') || k.startsWith('LIAISON_TEST_'))) env[k] = v
  return { ...env, ...extra }
}

/** Runs `liaison …` as a separate process, as a person would. */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: cliEnv(options.env),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `liaison ${args.join(' ')} did not finish in ${options.timeoutMs ?? 30_000} ms\n${stdout}\n${stderr}`,
        ),
      )
    }, options.timeoutMs ?? 30_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * Runs `liaison …` in this process (`main` with its own output streams): the same command
 * without the ~2 s a child process costs.
 */
export async function runCliHere(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('@liaison/cli')
  let stdout = ''
  let stderr = ''
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        add(chunk.toString())
        done()
      },
    })
  const code = await main(['node', 'liaison', ...args], env, {
    out: sink((s) => (stdout += s)),
    err: sink((s) => (stderr += s)),
  })
  return { code, stdout, stderr }
}
