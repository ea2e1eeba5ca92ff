import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Fastify from 'fastify'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { createToken } from '../actions/createToken.ts'
import type { RunningNode } from '../node/startNode.ts'
import type { BenchFigure } from './benchActions.ts'
import { percentile } from './benchActions.ts'

const operator = { kind: 'operator', label: 'bench' } as const

export interface Run {
  /** Requests (or transactions) per second. */
  readonly rate: number
  readonly p99: number
  /** This process's CPU time per completed call (µs): the bench's clients, the node and its processors. */
  readonly cpuMicros: number
  /** Statements sent to PostgreSQL per completed call, by every `pg` client of this process. */
  readonly statements: number
}

/**
 * Counts the statements every `pg` client of this process sends until the returned function is
 * called, which gives the count (the bench's own measure of round trips; PGlite counts nothing).
 */
function countStatements(): () => number {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const original = proto.query
  let count = 0
  proto.query = function (this: unknown, ...args: unknown[]) {
    count++
    return original.apply(this, args)
  }
  return () => {
    proto.query = original
    return count
  }
}

/** `clients` loops calling `once` for `seconds`; the rate of completed calls and their p99 latency. */
export async function measure(clients: number, seconds: number, once: () => Promise<void>): Promise<Run> {
  const latencies: number[] = []
  const until = performance.now() + seconds * 1000
  const start = performance.now()
  const cpu = process.cpuUsage()
  const statements = countStatements()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now()
        await once()
        latencies.push(performance.now() - t)
      }
    }),
  )
  const elapsed = (performance.now() - start) / 1000
  const used = process.cpuUsage(cpu)
  const sent = statements()
  latencies.sort((a, b) => a - b)
  const calls = Math.max(1, latencies.length)
  return {
    rate: latencies.length / elapsed,
    p99: percentile(latencies, 99),
    cpuMicros: (used.user + used.system) / calls,
    statements: sent / calls,
  }
}

/** Runs `work` under the V8 CPU profiler of this process and writes the profile to `file`. */
async function profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
    const result = await work()
    const { profile } = await session.post('Profiler.stop')
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, JSON.stringify(profile))
    return result
  } finally {
    session.disconnect()
  }
}

/** A function that POSTs one log entry to `url` (a case's log or the daily log) and fails on anything but a 2xx. */
export function postLogEntry(url: string, headers: Record<string, string>): () => Promise<void> {
  return async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ discipline: 'be-d1-rescue', source: 'phone', text: 'bench entry' }),
    })
    if (!response.ok) throw new Error(`bench: ${url} answered ${response.status}: ${await response.text()}`)
    await response.arrayBuffer()
  }
}

/**
 * Concurrent writes, each level of clients against two baselines of the same run: bare one-row
 * insert transactions with as many connections as clients, and a minimal Fastify route that writes
 * three rows (an entry, an event, an audit row) in one transaction with no authentication,
 * validation or sequencing. The measured path is `POST case log entry` over HTTP with an API token.
 */
export async function benchConcurrentWrites(
  node: RunningNode,
  options: {
    readonly writer: string
    readonly url: string | null
    readonly seconds: number
    /** CPU profiles of each run of the log and minimal routes are written here (`case-log-postgres-16.cpuprofile`, `minimal-postgres-16.cpuprofile`). */
    readonly profileDir?: string | null
  },
): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = []
  const engine = node.deps.store.engine
  const db = node.deps.store.db as unknown as Kysely<never>
  await sql`create table if not exists bench_one (id uuid primary key, n integer not null)`.execute(db)
  await sql`create table if not exists bench_entries (id uuid primary key, at timestamptz not null, text text not null, body jsonb not null)`.execute(
    db,
  )
  await sql`create table if not exists bench_events (seq bigserial primary key, id uuid not null unique, at timestamptz not null, body jsonb not null)`.execute(
    db,
  )
  await sql`create table if not exists bench_audit (id uuid primary key, at timestamptz not null, details jsonb)`.execute(
    db,
  )
  const { secret } = await createToken(node.deps, {
    caller: operator,
    username: options.writer,
    name: 'bench writer',
    scopes: ['read', 'cases.manage', 'cases.write'],
    expiresInDays: 1,
    source: 'bench',
  })

  // the minimal route: its own pool of the node's size on PostgreSQL; PGlite's one connection
  const minimalPool = options.url
    ? new pg.Pool({ connectionString: options.url, max: node.deps.config.store.poolSize })
    : null
  const minimalDb = minimalPool
    ? new Kysely<never>({ dialect: new PostgresDialect({ pool: minimalPool }) })
    : db
  const minimal = Fastify({ logger: false })
  minimal.post('/bench', async (req) => {
    const text = (req.body as { text?: string } | undefined)?.text ?? ''
    const at = new Date()
    await minimalDb.transaction().execute(async (tx) => {
      const id = randomUUID()
      await sql`insert into bench_entries (id, at, text, body) values (${id}, ${at}, ${text}, ${JSON.stringify({ text })})`.execute(
        tx,
      )
      await sql`insert into bench_events (id, at, body) values (${randomUUID()}, ${at}, ${JSON.stringify({ kind: 'log-entry.appended', id, text })})`.execute(
        tx,
      )
      await sql`insert into bench_audit (id, at, details) values (${randomUUID()}, ${at}, ${JSON.stringify({ entry: id })})`.execute(
        tx,
      )
    })
    return { id: 'ok' }
  })
  const minimalUrl = await minimal.listen({ host: '127.0.0.1', port: 0 })

  // the measured path is a case's log, as the issue names it; the daily log is measured beside it
  const bearer = { authorization: `Bearer ${secret}` }
  const opened = await fetch(`${node.url}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer },
    body: JSON.stringify({
      kind: 'incident',
      status: 'exercise',
      type: 'flood',
      title: 'Bench: crue de la Vesdre',
      severity: 'major',
    }),
  })
  if (!opened.ok) throw new Error(`bench: opening the case answered ${opened.status}: ${await opened.text()}`)
  const caseId = ((await opened.json()) as { id: string }).id
  const action = postLogEntry(`${node.url}/api/v1/cases/${caseId}/log`, bearer)
  const daily = postLogEntry(`${node.url}/api/v1/log`, bearer)
  const minimalRoute = postLogEntry(`${minimalUrl}/bench`, {})

  try {
    for (const clients of [1, 16, 64]) {
      // bare: as many connections as clients (PGlite: its one)
      const barePool = options.url ? new pg.Pool({ connectionString: options.url, max: clients }) : null
      const bareDb = barePool ? new Kysely<never>({ dialect: new PostgresDialect({ pool: barePool }) }) : db
      let bare: Run
      try {
        bare = await measure(clients, options.seconds, async () => {
          await bareDb
            .transaction()
            .execute((tx) => sql`insert into bench_one (id, n) values (${randomUUID()}, 1)`.execute(tx))
        })
      } finally {
        await barePool?.end()
      }
      const route = options.profileDir
        ? await profiled(join(options.profileDir, `minimal-${engine}-${clients}.cpuprofile`), () =>
            measure(clients, options.seconds, minimalRoute),
          )
        : await measure(clients, options.seconds, minimalRoute)
      const actions = options.profileDir
        ? await profiled(join(options.profileDir, `case-log-${engine}-${clients}.cpuprofile`), () =>
            measure(clients, options.seconds, action),
          )
        : await measure(clients, options.seconds, action)
      const dailyRun = await measure(clients, options.seconds, daily)
      const at = `${clients} client${clients === 1 ? '' : 's'}, ${engine}`
      figures.push(
        {
          name: `POST case log entry, ${at}`,
          value: actions.rate,
          unit: 'req/s',
          baseline: { name: 'minimal route (3 rows, no auth)', value: route.rate },
          ratio: actions.rate / route.rate,
        },
        {
          name: `POST daily log entry, ${at}`,
          value: dailyRun.rate,
          unit: 'req/s',
          baseline: { name: 'minimal route (3 rows, no auth)', value: route.rate },
          ratio: dailyRun.rate / route.rate,
        },
        {
          name: `POST case log entry, ${at}`,
          value: actions.rate,
          unit: 'req/s',
          baseline: { name: 'bare one-row insert transactions', value: bare.rate },
          ratio: actions.rate / bare.rate,
        },
        {
          name: `minimal route, ${at}`,
          value: route.rate,
          unit: 'req/s',
          baseline: { name: 'bare one-row insert transactions', value: bare.rate },
          ratio: route.rate / bare.rate,
        },
        {
          name: `POST case log entry CPU per request, ${at}`,
          value: actions.cpuMicros,
          unit: 'µs',
          baseline: { name: 'minimal route CPU per request', value: route.cpuMicros },
          ratio: actions.cpuMicros / route.cpuMicros,
        },
        ...(engine === 'postgres'
          ? [
              {
                name: `POST case log entry statements per request, ${at}`,
                value: actions.statements,
                unit: 'statements',
                baseline: { name: 'minimal route statements per request', value: route.statements },
                ratio: actions.statements / route.statements,
              },
            ]
          : []),
        {
          name: `POST case log entry p99, ${at}`,
          value: actions.p99,
          unit: 'ms',
          baseline: { name: 'minimal route p99', value: route.p99 },
          ratio: actions.p99 / route.p99,
        },
      )
    }
  } finally {
    await minimal.close()
    if (minimalPool) await minimalDb.destroy()
  }
  return figures
}
