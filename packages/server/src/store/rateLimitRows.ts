import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from './schema.ts'

/** A key's count in its current window (table rate_limits). */
export interface WindowCount {
  readonly count: number
  /** Milliseconds left in the window. */
  readonly ttl: number
  /** The window's end in the database, in microseconds since the epoch (as text): the same id in every process. */
  readonly window_end: string
}

/**
 * Counts one hit of `key` in its fixed window of `windowMs` (opening a new window when the last
 * one has passed), by the database's clock, the one clock all processes share.
 */
export async function countInWindow(
  db: Kysely<Database>,
  key: string,
  windowMs: number,
): Promise<WindowCount> {
  const window = `${windowMs} milliseconds`
  const { rows } = await sql<WindowCount>`
    insert into rate_limits as r (key, count, reset_at)
    values (${key}, 1, clock_timestamp() + ${window}::interval)
    on conflict (key) do update set
      count = case when r.reset_at <= clock_timestamp() then 1 else r.count + 1 end,
      reset_at = case when r.reset_at <= clock_timestamp() then clock_timestamp() + ${window}::interval
                      else r.reset_at end
    returning count,
      (extract(epoch from (reset_at - clock_timestamp())) * 1000)::float8 as ttl,
      (extract(epoch from reset_at) * 1000000)::bigint::text as window_end`.execute(db)
  return rows[0]!
}

/** Forgets the windows that ended more than an hour ago. */
export async function sweepRateLimits(db: Kysely<Database>): Promise<void> {
  await sql`delete from rate_limits where reset_at < clock_timestamp() - interval '1 hour'`.execute(db)
}
