import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * A log entry keeps when it happened as it was reported (decision 015): the zone it was given in
 * and how sure it is, besides the instant (`occurred_at`). Entries written before have zone `Z`
 * (given in UTC, local offset unknown) and are exact.
 */
export const m0026_reported_time: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table log_entries
      add column occurred_zone text not null default 'Z',
      add column occurred_qualifier text not null default 'exact'
        check (occurred_qualifier in ('exact', 'approximate', 'part-of-day', 'range', 'defaulted')),
      add column occurred_part text check (occurred_part in ('night', 'morning', 'afternoon', 'evening')),
      add column occurred_until timestamptz,
      add constraint log_entries_occurred_part check ((occurred_qualifier = 'part-of-day') = (occurred_part is not null)),
      add constraint log_entries_occurred_range check (
        (occurred_qualifier = 'range') = (occurred_until is not null) and (occurred_until is null or occurred_until >= occurred_at))`.execute(
      db,
    )
    await sql`alter table log_entries alter column occurred_zone drop default, alter column occurred_qualifier drop default`.execute(
      db,
    )
  },
}
