import { spawn } from 'node:child_process'
import { createToken } from '../actions/createToken.ts'
import type { RunningNode } from '../node/startNode.ts'
import type { BenchFigure } from './benchActions.ts'
import { measure, postLogEntry } from './benchConcurrentWrites.ts'

const operator = { kind: 'operator', label: 'bench' } as const

/**
 * The flooding process: plain JavaScript run by `node -e`, so it needs nothing of this package.
 * It sends `rate` requests a second with a random bearer token for `seconds`, from `localAddress`
 * (loopback has all of 127/8: the flood has an address of its own, so it spends its own budget,
 * not the writers'), with at most 256 in flight, then prints what it sent and what came back.
 */
const floodScript = `
const http = require('node:http')
const { randomBytes } = require('node:crypto')
const [url, rate, seconds, localAddress] = process.argv.slice(1)
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, localAddress })
const statuses = {}
let sent = 0, answered = 0, skipped = 0, inFlight = 0
const target = new URL('/api/v1/log', url)
const one = () => {
  sent++; inFlight++
  const req = http.request(target, { agent, headers: { authorization: 'Bearer ' + randomBytes(24).toString('base64url') } }, (res) => {
    res.resume()
    res.on('end', () => { answered++; inFlight--; statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1 })
  })
  req.on('error', () => { inFlight--; statuses.error = (statuses.error || 0) + 1 })
  req.end()
}
process.stdout.write('ready\\n')
const start = Date.now()
const perTick = Number(rate) / 100
let due = 0
const tick = setInterval(() => {
  const elapsed = Date.now() - start
  if (elapsed >= Number(seconds) * 1000) {
    clearInterval(tick)
    const done = () => inFlight > 0 ? setTimeout(done, 10) : (process.stdout.write(JSON.stringify({ sent, answered, skipped, statuses, seconds: (Date.now() - start) / 1000 }) + '\\n'), agent.destroy())
    return done()
  }
  due += perTick
  while (due >= 1) { due--; if (inFlight < 256) one(); else skipped++ }
}, 10)
`

interface FloodResult {
  readonly sent: number
  readonly answered: number
  readonly skipped: number
  readonly statuses: Record<string, number>
  readonly seconds: number
}

/** Starts the flood in a second process; resolves once it sends, with a promise of its result. */
async function startFlood(
  url: string,
  rate: number,
  seconds: number,
): Promise<{ result: Promise<FloodResult> }> {
  const child = spawn(
    process.execPath,
    ['-e', floodScript, url, String(rate), String(seconds), '127.0.0.2'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  let onReady: (() => void) | null = null
  const ready = new Promise<void>((resolve) => {
    onReady = resolve
  })
  const result = new Promise<FloodResult>((resolve, reject) => {
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
      if (out.startsWith('ready\n')) onReady?.()
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? ''
      if (code !== 0 || !last.startsWith('{'))
        reject(new Error(`bench: the flood process exited ${code}: ${out}`))
      else resolve(JSON.parse(last) as FloodResult)
    })
  })
  await Promise.race([ready, result])
  return { result }
}

/**
 * 16 clients writing `POST /api/v1/log` for `seconds`, first alone (the baseline), then while a
 * second process sends 1,000 requests a second with bad bearer tokens from another address. The
 * goal: the writers' rate drops by less than 20% (a ratio above 0.8). Also reports what the
 * flood's address wrote to the audit: its refusals are counted, not written one row each.
 */
export async function benchAuthFlood(
  node: RunningNode,
  options: { readonly writer: string; readonly seconds: number; readonly rate?: number },
): Promise<BenchFigure[]> {
  const engine = node.deps.store.engine
  const rate = options.rate ?? 1000
  const { secret } = await createToken(node.deps, {
    caller: operator,
    username: options.writer,
    name: 'bench flood writer',
    scopes: ['read', 'cases.write'],
    expiresInDays: 1,
    source: 'bench',
  })
  const write = postLogEntry(`${node.url}/api/v1/log`, { authorization: `Bearer ${secret}` })
  const alone = await measure(16, options.seconds, write)
  const flood = await startFlood(node.url, rate, options.seconds)
  const flooded = await measure(16, options.seconds, write)
  const sent = await flood.result
  // so far: the counted refusals of a window still open reach the audit when it ends
  const auditRows = async () => {
    const [chained, pending] = await Promise.all([
      node.deps.store.db
        .selectFrom('audit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('source', '=', '127.0.0.2')
        .executeTakeFirst(),
      node.deps.store.db
        .selectFrom('pending_audit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('source', '=', '127.0.0.2')
        .executeTakeFirst(),
    ])
    return Number(chained?.n ?? 0) + Number(pending?.n ?? 0)
  }
  const at = `16 clients, ${engine}`
  const rows = await auditRows()
  return [
    {
      name: `POST /api/v1/log under a bad-credential flood, ${at}`,
      value: flooded.rate,
      unit: 'req/s',
      baseline: { name: 'the same writers without the flood', value: alone.rate },
      ratio: flooded.rate / alone.rate,
    },
    {
      name: `POST /api/v1/log p99 under the flood, ${at}`,
      value: flooded.p99,
      unit: 'ms',
      baseline: { name: 'p99 without the flood', value: alone.p99 },
      ratio: flooded.p99 / alone.p99,
    },
    {
      name: `bad-credential requests answered, ${engine}`,
      value: sent.answered / sent.seconds,
      unit: 'req/s',
      baseline: {
        name: `requests the flood meant to send (${sent.skipped} not sent: 256 in flight)`,
        value: rate,
      },
      ratio: sent.answered / sent.seconds / rate,
    },
    {
      name: `audit rows for the flood's ${sent.answered} requests, ${engine}`,
      value: rows,
      unit: 'rows',
      baseline: { name: 'requests answered', value: sent.answered },
      ratio: rows / Math.max(1, sent.answered),
    },
  ]
}
