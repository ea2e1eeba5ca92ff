import { performance } from 'node:perf_hooks'
import type { Principal } from '@liaison/core'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import { addUser } from '../actions/addUser.ts'
import { createToken } from '../actions/createToken.ts'
import { openCase } from '../actions/openCase.ts'
import type { RunningNode } from '../node/startNode.ts'
import { beyond } from '../store/keyset.ts'
import type { BenchFigure } from './benchActions.ts'
import { percentile, startBenchNode } from './benchActions.ts'

const operator = { kind: 'operator', label: 'bench' } as const

/**
 * Reading a case's log of `entries` entries a page at a time over HTTP (`GET
 * /api/v1/cases/{id}/log?limit=…&after=…`, with the caller's authentication, the corrections and
 * the attachments), against the bare keyset `SELECT … LIMIT n` of the same page on the same
 * database. The entries are written in batches straight into the store, not through actions.
 */
export async function benchLogPages(options: {
  log: Logger
  store?: { url: string } | undefined
  entries: number
  pageLimit?: number
}): Promise<BenchFigure[]> {
  const limit = options.pageLimit ?? 100
  const bench = await startBenchNode(options, 'liaison-bench-pages-')
  const node = bench.node
  try {
    const officer = await addUser(node.deps, {
      caller: operator,
      orgCode: 'centre',
      username: 'bench.pages',
      displayName: 'Bench duty officer',
      roles: ['duty-officer'],
      password: 'bench passphrase 2026',
      source: 'bench',
    })
    const caller: Principal = {
      kind: 'user',
      userId: officer.id,
      username: officer.username,
      orgId: officer.orgId,
      roles: officer.roles,
      sessionId: 'bench',
    }
    const theCase = await openCase(node.deps, {
      caller,
      input: {
        kind: 'incident',
        status: 'exercise',
        type: 'flood',
        title: 'Bench: a long flood',
        description: '',
        location: null,
        startsAt: new Date(),
        endsAt: null,
        severity: 'major',
        disciplines: [],
        scaling: null,
        participants: [],
      },
      source: 'bench',
    })
    const { secret } = await createToken(node.deps, {
      caller: operator,
      username: officer.username,
      name: 'bench pages',
      scopes: ['read'],
      expiresInDays: 1,
      source: 'bench',
    })
    await insertEntries(
      node,
      { caseId: theCase.id, orgId: officer.orgId, authorId: officer.id },
      options.entries,
    )
    // a case log in use has its planner statistics (autovacuum on PostgreSQL; on PGlite, which has
    // no autovacuum, nothing yet: see docs/performance.md); without them, right after a bulk
    // insert, PostgreSQL plans the page as a bitmap scan and a sort of everything before it
    await sql`analyze log_entries`.execute(node.deps.store.db)

    const db = node.deps.store.db
    const api: number[] = []
    const bare: number[] = []
    let after: string | null = null
    let read = 0
    let last: { occurredAt: Date; id: string } | null = null
    do {
      const url: string = `/api/v1/cases/${theCase.id}/log?limit=${limit}${after ? `&after=${after}` : ''}`
      let t = performance.now()
      const response: { statusCode: number; json(): unknown } = await node.app.inject({
        url,
        headers: { authorization: `Bearer ${secret}` },
      })
      api.push(performance.now() - t)
      if (response.statusCode !== 200) throw new Error(`bench: ${url} answered ${response.statusCode}`)
      const page = response.json() as { items: unknown[]; next: string | null }
      read += page.items.length
      after = page.next

      const from: { occurredAt: Date; id: string } | null = last
      t = performance.now()
      const rows: { id: string; occurred_at: Date }[] = await db
        .selectFrom('log_entries')
        .select(['id', 'occurred_at', 'text'])
        .where('case_id', '=', theCase.id)
        .$if(from !== null, (q) =>
          q.where(beyond({ key: from!.occurredAt, id: from!.id }, { key: 'occurred_at', id: 'id' })),
        )
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      bare.push(performance.now() - t)
      const end: { id: string; occurred_at: Date } | undefined = rows.at(-1)
      last = end ? { occurredAt: end.occurred_at, id: end.id } : null
    } while (after)
    if (read !== options.entries) throw new Error(`bench: read ${read} of ${options.entries} entries`)
    api.sort((a, b) => a - b)
    bare.sort((a, b) => a - b)
    const label = `log of ${options.entries.toLocaleString('en')} entries, page of ${limit}`
    return (['p50', 'p99'] as const).map((p) => {
      const n = p === 'p50' ? 50 : 99
      const value = percentile(api, n)
      const base = percentile(bare, n)
      return {
        name: `${label}, ${p} (${api.length} pages)`,
        value,
        unit: 'ms',
        baseline: { name: `bare keyset SELECT … LIMIT ${limit} (${p})`, value: base },
        ratio: value / base,
      }
    })
  } finally {
    await bench.dispose()
  }
}

/** Writes `count` log entries into one case in batches of 1,000, a minute apart, some at the same minute. */
async function insertEntries(
  node: RunningNode,
  where: { caseId: string; orgId: string; authorId: string },
  count: number,
): Promise<void> {
  const start = Date.parse('2026-01-01T00:00:00Z')
  const batch = 1_000
  for (let from = 0; from < count; from += batch) {
    const values = Array.from({ length: Math.min(batch, count - from) }, (_, k) => {
      const i = from + k
      // every tenth entry shares its minute with the one before: the id orders them
      const at = new Date(start + (i - Math.floor(i / 10)) * 60_000)
      return {
        id: node.deps.ids.next(),
        case_id: where.caseId,
        org_id: where.orgId,
        author_id: where.authorId,
        author_name: 'Bench duty officer',
        occurred_at: at,
        occurred_zone: 'Europe/Brussels',
        occurred_qualifier: 'exact' as const,
        occurred_part: null,
        occurred_until: null,
        recorded_at: at,
        discipline: 'multidisciplinary',
        source: 'phone',
        text: `Relevé ${i}: niveau de la Vesdre à Pepinster, ${(i % 400) / 100} m au-dessus de la normale`,
        lon: null,
        lat: null,
        supersedes: null,
      }
    })
    await node.deps.store.db.insertInto('log_entries').values(values).execute()
  }
}
