import type { Kysely } from 'kysely'
import { countInWindow, sweepRateLimits } from '../store/rateLimitRows.ts'
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
      countInWindow(db, this.prefix + key, Math.max(1, Math.round(timeWindow))).then(
        (row) => {
          answer(null, { current: row.count, ttl: Math.max(0, Math.round(row.ttl)) })
          // now and then, forget the windows that ended long ago (a failure here only delays it)
          if (++counted % sweepEvery === 0) sweepRateLimits(db).catch(() => {})
        },
        (error: unknown) => answer(error instanceof Error ? error : new Error(String(error))),
      )
    }

    child(options: StoreOptions): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(options)
    }
  }
}
