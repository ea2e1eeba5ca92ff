import pg from 'pg'
import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
import pino from 'pino'
import { startBenchNode } from '../packages/server/src/bench/benchActions.ts'
import { measure, postLogEntry } from '../packages/server/src/bench/benchConcurrentWrites.ts'
import { createToken } from '../packages/server/src/actions/createToken.ts'
import { addUser } from '../packages/server/src/actions/addUser.ts'

const clients = Number(process.argv[2] ?? 16)
const seconds = Number(process.argv[3] ?? 5)
const pgUrl = process.argv[4] === 'pglite' ? undefined : { url: 'postgres://postgres@127.0.0.1:5432/postgres' }
const log = pino({ level: 'warn' })
const operator = { kind: 'operator', label: 'bench' } as const
const bench = await startBenchNode({ log, store: pgUrl }, 'prof-')
const node = bench.node
const officer = await addUser(node.deps, {
  caller: operator, orgCode: 'centre', username: 'bench.duty', displayName: 'Bench duty officer',
  roles: ['duty-officer'], password: 'bench passphrase 2026', source: 'bench',
})
const { secret } = await createToken(node.deps, {
  caller: operator, username: officer.username, name: 'writer', scopes: ['read', 'cases.write'], expiresInDays: 1, source: 'bench',
})
import Fastify from 'fastify'
import { sql, Kysely, PostgresDialect } from 'kysely'
import { randomUUID } from 'node:crypto'
const db = node.deps.store.db as unknown as Kysely<never>
await sql`create table if not exists bench_entries (id uuid primary key, at timestamptz not null, text text not null, body jsonb not null)`.execute(db)
await sql`create table if not exists bench_events (seq bigserial primary key, id uuid not null unique, at timestamptz not null, body jsonb not null)`.execute(db)
await sql`create table if not exists bench_audit (id uuid primary key, at timestamptz not null, details jsonb)`.execute(db)
const minimalPool = bench.storeUrl ? new pg.Pool({ connectionString: bench.storeUrl, max: node.deps.config.store.poolSize }) : null
const minimalDb = minimalPool ? new Kysely<never>({ dialect: new PostgresDialect({ pool: minimalPool }) }) : db
const minimal = Fastify({ logger: false })
minimal.post('/bench', async (req) => {
  const text = (req.body as { text?: string } | undefined)?.text ?? ''
  const at = new Date()
  await minimalDb.transaction().execute(async (tx) => {
    const id = randomUUID()
    await sql`insert into bench_entries (id, at, text, body) values (${id}, ${at}, ${text}, ${JSON.stringify({ text })})`.execute(tx)
    await sql`insert into bench_events (id, at, body) values (${randomUUID()}, ${at}, ${JSON.stringify({ kind: 'log-entry.appended', id, text })})`.execute(tx)
    await sql`insert into bench_audit (id, at, details) values (${randomUUID()}, ${at}, ${JSON.stringify({ entry: id })})`.execute(tx)
  })
  return { id: 'ok' }
})
const minimalUrl = await minimal.listen({ host: '127.0.0.1', port: 0 })
const action = process.env.MINIMAL ? postLogEntry(`${minimalUrl}/bench`, {}) : postLogEntry(`${node.url}/api/v1/log`, { authorization: `Bearer ${secret}` })
await measure(clients, 1, action) // warm up
const counts = new Map<string, number>()
const orig = pg.Client.prototype.query
;(pg.Client.prototype as any).query = function (this: unknown, ...args: any[]) {
  const text = typeof args[0] === 'string' ? args[0] : args[0]?.text
  const key = String(text).replace(/\s+/g, ' ').slice(0, 70)
  counts.set(key, (counts.get(key) ?? 0) + 1)
  return (orig as any).apply(this, args)
}
const session = new Session()
session.connect()
await session.post('Profiler.enable')
if (!process.env.NOPROF) await session.post('Profiler.start')
const run = await measure(clients, seconds, action)
if (!process.env.NOPROF) { const { profile } = await session.post('Profiler.stop'); writeFileSync('/tmp/prof/writes.cpuprofile', JSON.stringify(profile)) }
console.log(`${clients} clients: ${run.rate.toFixed(0)} req/s, p99 ${run.p99.toFixed(1)} ms`)
const n = run.rate * seconds
for (const [k, c] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((c / n).toFixed(3), k)
console.log('total per request', ([...counts.values()].reduce((a, b) => a + b, 0) / n).toFixed(2))
await bench.dispose()
await minimal.close(); await minimalPool?.end(); process.exit(0)
