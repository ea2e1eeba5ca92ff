import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../store/schema.ts'

type Answer = (error: Error | null, result?: { current: number; ttl: number }) => void
/** What the plugin hands `child`: its merged options, with the route in `routeInfo` (untyped there). */
type StoreOptions = object

const routeOf = (options: StoreOptions): string => {
  const info = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo
  const method = Array.isArray(info?.method) ? info.method.join(',') : info?.method
  return typeof method === 'string' && typeof info?.url === 'string' ? `${method} ${info.url} ` : ''
}

/** How many counts between two sweeps of expired rows. */
const sweepEvery = 500

/**
 * A store for @fastify/rate-limit that counts in the node's database, so that every process of a
 * node (several behind a load balancer, on PostgreSQL) shares one count per route and address, and
 * a restart does not clear them. Fixed windows, as the plugin's own store: the first request opens
 * a window of `timeWindow` ms, each one counts, and the window resets when it has passed. Times are
 * the database's, the one clock all processes share.
 */
export function databaseRateLimitStore(db: Kysely<Database>) {
  let counted = 0
  return class DatabaseRateLimitStore {
    readonly prefix: string

    constructor(options: StoreOptions) {
      this.prefix = routeOf(options)
    }

    incr(key: string, answer: Answer, timeWindow: number): void {
      const window = `${Math.max(1, Math.round(timeWindow))} milliseconds`
      sql<{ count: number; ttl: number }>`
        insert into rate_limits as r (key, count, reset_at)
        values (${this.prefix + key}, 1, clock_timestamp() + ${window}::interval)
        on conflict (key) do update set
          count = case when r.reset_at <= clock_timestamp() then 1 else r.count + 1 end,
          reset_at = case when r.reset_at <= clock_timestamp() then clock_timestamp() + ${window}::interval
                          else r.reset_at end
        returning count, (extract(epoch from (reset_at - clock_timestamp())) * 1000)::float8 as ttl`
        .execute(db)
        .then(
          ({ rows }) => {
            const row = rows[0]!
            answer(null, { current: row.count, ttl: Math.max(0, Math.round(row.ttl)) })
            // now and then, forget the windows that ended long ago (a failure here only delays it)
            if (++counted % sweepEvery === 0)
              sql`delete from rate_limits where reset_at < clock_timestamp() - interval '1 hour'`
                .execute(db)
                .catch(() => {})
          },
          (error: unknown) => answer(error instanceof Error ? error : new Error(String(error))),
        )
    }

    child(options: StoreOptions): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(options)
    }
  }
}
