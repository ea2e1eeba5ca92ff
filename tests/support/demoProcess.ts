import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { cliEnv, cliPath, repoRoot } from './runCli.ts'

/** Ports the system says are free right now. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer()
          server.listen(0, '127.0.0.1', () => resolve(server))
        }),
    ),
  )
  const ports = servers.map((s) => (s.address() as { port: number }).port)
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  return ports
}

export interface DemoProcess {
  readonly child: ChildProcess
  readonly urls: string[]
  /** Each centre's public listener, as the demo printed it (BE, NL, LU). */
  readonly publicUrls: string[]
  /** The simulated networks' page (SMSC, SMTP sink), as the demo printed it. */
  readonly networksUrl: string | null
  readonly output: () => string
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>
  readonly startedInMs: number
}

/** Starts `liaison demo` as its own process and waits until it prints its URLs. */
export async function startDemoProcess(options: {
  ports: number[]
  dataDir: string
  timeoutMs?: number
}): Promise<DemoProcess> {
  const started = Date.now()
  const child = spawn(
    process.execPath,
    [cliPath, 'demo', '--ports', options.ports.join(','), '--data-dir', options.dataDir],
    {
      cwd: repoRoot,
      env: cliEnv(),
    },
  )
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  // three processes seed at once on a busy machine: the first start may take a while
  const deadline = started + (options.timeoutMs ?? 120_000)
  while (!out.includes('three centres ready')) {
    if (child.exitCode !== null) throw new Error(`the demo exited with ${child.exitCode}:\n${out}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the demo did not start in time:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    child,
    urls: options.ports.map((p) => `http://127.0.0.1:${p}`),
    publicUrls: [...out.matchAll(/public page (http:\/\/[^ \n]+)\/\n/g)].map((m) => m[1]!),
    networksUrl:
      /Simulated networks \(SMS, e-mail\): what they received at (http:\/\/[^ \n]+)\/\n/.exec(out)?.[1] ??
      null,
    output: () => out,
    exited,
    startedInMs: Date.now() - started,
  }
}

/** Signs in to a demo node as one of its demo accounts, reading the current code from the demo sign-in list. */
export async function demoSession(
  url: string,
  username = 'viewer',
): Promise<{ cookie: string; csrf: string }> {
  const list = (await (await fetch(`${url}/api/v1/demo/sign-in`)).json()) as {
    users: { username: string; password: string; code: string }[]
  }
  const account = list.users.find((u) => u.username === username)
  if (!account) throw new Error(`no demo account ${username} at ${url}`)
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: account.password, code: account.code }),
  })
  if (!response.ok) throw new Error(`demo sign-in failed: ${await response.text()}`)
  const body = (await response.json()) as { me: { csrfToken: string } }
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: body.me.csrfToken }
}
