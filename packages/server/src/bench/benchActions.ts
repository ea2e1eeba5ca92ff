import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import type { Logger } from 'pino'
import { addOrganisation } from '../actions/addOrganisation.ts'
import { sha256Hex } from '../runtime/sha256Hex.ts'
import { verifyAuditChain } from '../store/audit/auditLog.ts'
import { loadConfig } from '../config.ts'
import type { RunningNode } from '../node/startNode.ts'
import { startNode } from '../node/startNode.ts'
import { addUser } from '../actions/addUser.ts'
import { appendLogEntry } from '../actions/appendLogEntry.ts'
import type { Principal } from '@liaison/core'
import { totpCode, newTotpSecret } from '../auth/totp.ts'
import { totpContext } from '../auth/SecretBox.ts'
import type { BenchName } from './benchNames.ts'
import { benchConcurrentWrites } from './benchConcurrentWrites.ts'
import { benchAuthFlood } from './benchAuthFlood.ts'

export interface BenchFigure {
  readonly name: string
  readonly value: number
  readonly unit: string
  /** The same run's baseline, and what this figure is as a multiple of it. */
  readonly baseline: { readonly name: string; readonly value: number }
  readonly ratio: number
}

const operator = { kind: 'operator', label: 'bench' } as const

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

/** Live-stream clients of the stream bench. */
export const streamClients = [1, 200, 1000] as const

/**
 * The benches that share one node, each run only when `only` names it (all when it is absent):
 * `actions`, what an action costs against the cheapest write the store can do, and how fast the
 * audit chain verifies against hashing alone; `stream`, how long a committed event takes to
 * reach 1, 200 and 1,000 live-stream clients against the commit alone; `writes`, concurrent
 * writes over HTTP with 1, 16 and 64 clients against bare inserts and a minimal route
 * (benchConcurrentWrites.ts); `flood`, writers' rate while a second process sends bad
 * credentials (benchAuthFlood.ts).
 */
export async function benchActions(options: {
  log: Logger
  store?: { url: string } | undefined
  count: number
  /** How long each concurrent-writes measurement runs. */
  seconds?: number
  only?: ReadonlySet<BenchName> | undefined
  /** Where the writes bench writes a CPU profile of each measured run of the log route. */
  profileDir?: string | undefined
}): Promise<BenchFigure[]> {
  const runs = (name: BenchName) => !options.only || options.only.has(name)
  if (!runs('actions') && !runs('stream') && !runs('writes') && !runs('flood')) return []
  const bench = await startBenchNode(options, 'liaison-bench-', {
    // every stream client shares one session and one address: the caps are raised for the bench (1,000 is their maximum)
    'http.streamsPerPrincipal': Math.max(...streamClients),
    'http.streamsPerAddress': Math.max(...streamClients),
  })
  const node = bench.node
  const figures: BenchFigure[] = []
  try {
    const db = node.deps.store.db
    if (runs('actions')) figures.push(...(await benchOneByOne(node, options.count)))
    // live stream: a signed-in viewer's cookie for every client
    const viewer = await addUser(node.deps, {
      caller: operator,
      orgCode: 'centre',
      username: 'bench.viewer',
      displayName: 'Bench viewer',
      roles: ['viewer'],
      password: 'bench passphrase 2026',
      source: 'bench',
    })
    const secret = newTotpSecret()
    await db
      .updateTable('users')
      .set({
        totp_secret: node.deps.secrets.seal(secret, totpContext(viewer.id)),
        totp_enrolled_at: new Date(),
      })
      .where('id', '=', viewer.id)
      .execute()
    const signIn = await fetch(`${node.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'bench.viewer',
        password: 'bench passphrase 2026',
        code: totpCode(secret, Date.now()),
      }),
    })
    if (!signIn.ok) throw new Error(`bench: sign-in failed: ${await signIn.text()}`)
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    // log entries are written by a duty officer into the daily log the viewers watch
    const officer = await addUser(node.deps, {
      caller: operator,
      orgCode: 'centre',
      username: 'bench.duty',
      displayName: 'Bench duty officer',
      roles: ['duty-officer'],
      password: 'bench passphrase 2026',
      source: 'bench',
    })
    const writer: Principal = {
      kind: 'user',
      userId: officer.id,
      username: officer.username,
      orgId: officer.orgId,
      roles: officer.roles,
      sessionId: 'bench',
    }
    for (const clients of runs('stream') ? streamClients : []) {
      const { latencies, commits } = await streamLatency(node, cookie, writer, clients, 40)
      const p50 = percentile(latencies, 50)
      const p99 = percentile(latencies, 99)
      const commit = percentile(commits, 50)
      figures.push({
        name: `log entry to screen, p50, ${clients} client(s)`,
        value: p50,
        unit: 'ms',
        baseline: { name: 'commit alone (p50)', value: commit },
        ratio: p50 / commit,
      })
      figures.push({
        name: `log entry to screen, p99, ${clients} client(s)`,
        value: p99,
        unit: 'ms',
        baseline: { name: 'commit alone (p50)', value: commit },
        ratio: p99 / commit,
      })
    }
    if (runs('writes'))
      figures.push(
        ...(await benchConcurrentWrites(node, {
          writer: officer.username,
          url: bench.storeUrl,
          seconds: options.seconds ?? 3,
          profileDir: options.profileDir ?? null,
        })),
      )
    if (runs('flood'))
      figures.push(...(await benchAuthFlood(node, { writer: officer.username, seconds: 10 })))
  } finally {
    await bench.dispose()
  }
  return figures
}

/** Actions one after another against bare one-row insert transactions; the audit chain's verification against hashing. */
async function benchOneByOne(node: RunningNode, n: number): Promise<BenchFigure[]> {
  const db = node.deps.store.db
  const figures: BenchFigure[] = []
  await db.schema
    .createTable('bench_rows')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer')
    .execute()

  let t = performance.now()
  for (let i = 0; i < n; i++) {
    await db.transaction().execute((tx) =>
      tx
        .insertInto('bench_rows' as never)
        .values({ id: `r${i}`, n: i } as never)
        .execute(),
    )
  }
  const bare = n / ((performance.now() - t) / 1000)
  t = performance.now()
  for (let i = 0; i < n; i++) {
    await addOrganisation(node.deps, {
      organisation: { code: `p${i}`, name: `Partner ${i}`, kind: 'partner', country: 'BE' },
      caller: operator,
      source: 'bench',
    })
  }
  const actions = n / ((performance.now() - t) / 1000)
  figures.push({
    name: `action (state + event + audit row), ${node.deps.store.engine}`,
    value: actions,
    unit: 'actions/s',
    baseline: { name: 'bare one-row insert transaction', value: bare },
    ratio: actions / bare,
  })

  t = performance.now()
  const verified = await verifyAuditChain(db, sha256Hex)
  const verifyRate = verified.rows / ((performance.now() - t) / 1000)
  const sample = 'x'.repeat(400)
  t = performance.now()
  for (let i = 0; i < verified.rows; i++) await sha256Hex(sample)
  const hashRate = verified.rows / ((performance.now() - t) / 1000)
  figures.push({
    name: 'audit chain verification',
    value: verifyRate,
    unit: 'rows/s',
    baseline: { name: 'SHA-256 of 400 bytes in memory', value: hashRate },
    ratio: verifyRate / hashRate,
  })

  return figures
}

/**
 * A node for a benchmark, on a fresh embedded database in a temporary directory, or on a scratch
 * database of the given PostgreSQL server; `dispose()` stops it and throws its data away.
 */
export async function startBenchNode(
  options: { log: Logger; store?: { url: string } | undefined },
  prefix: string,
  extra: Record<string, string | number | boolean> = {},
): Promise<{ node: RunningNode; storeUrl: string | null; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const scratch = options.store ? await scratchDatabase(options.store.url) : null
  const config = loadConfig({
    env: {},
    cwd: dir,
    defaults: {
      'node.id': 'bench',
      'http.port': 0,
      'store.dataDir': join(dir, 'db'),
      'http.webDir': join(dir, 'no-web'),
      ...extra,
      ...(scratch ? { 'store.url': scratch.url } : {}),
    },
  })
  const node = await startNode({ config, log: options.log })
  return {
    node,
    storeUrl: scratch?.url ?? null,
    async dispose() {
      await node.close()
      await scratch?.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A database of its own on the given server, dropped afterwards, so runs never collide. */
export async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `liaison_bench_${randomBytes(5).toString('hex')}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) }
}

/** Opens `clients` SSE connections, commits `events` actions one by one, and times each event's arrival at every client. */
async function streamLatency(
  node: RunningNode,
  cookie: string,
  writer: Principal,
  clients: number,
  events: number,
) {
  const controllers: AbortController[] = []
  const arrivals = new Map<string, number[]>()
  let connected = 0
  const head = await node.deps.store.db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  const after = Number(head?.seq ?? 0)
  const readers = Array.from({ length: clients }, async () => {
    const controller = new AbortController()
    controllers.push(controller)
    const response = await fetch(`${node.url}/api/v1/stream?after=${after}`, {
      headers: { cookie },
      signal: controller.signal,
    })
    if (!response.ok)
      throw new Error(`bench: the stream answered ${response.status}: ${await response.text()}`)
    connected++
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const code = /"text":"(lat-[^"]+)"/.exec(block)?.[1]
          if (code) arrivals.set(code, [...(arrivals.get(code) ?? []), performance.now()])
        }
      }
    } catch {
      // closed by the benchmark
    }
  })
  while (connected < clients) await new Promise((r) => setTimeout(r, 10))
  await new Promise((r) => setTimeout(r, 200))
  const latencies: number[] = []
  const commits: number[] = []
  for (let i = 0; i < events; i++) {
    const code = `lat-${clients}-${i}`
    const start = performance.now()
    await appendLogEntry(node.deps, {
      caller: writer,
      caseId: null,
      discipline: 'multidisciplinary',
      source: 'phone',
      text: code,
      requestSource: 'bench',
    })
    commits.push(performance.now() - start)
    const deadline = Date.now() + 5_000
    while ((arrivals.get(code)?.length ?? 0) < clients) {
      if (Date.now() > deadline)
        throw new Error(
          `bench: event ${code} reached ${arrivals.get(code)?.length ?? 0} of ${clients} clients in 5 s`,
        )
      await new Promise((r) => setImmediate(r))
    }
    for (const at of arrivals.get(code) ?? []) latencies.push(at - start)
  }
  controllers.forEach((c) => c.abort())
  await Promise.allSettled(readers)
  return { latencies: latencies.sort((a, b) => a - b), commits: commits.sort((a, b) => a - b) }
}
