import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { Database } from '../schema.ts'

/**
 * A page of the warnings in force at `now` (decision 031), newest sent first (`limit + 1` read):
 * the received Actual Alerts and Updates that no received Update or Cancel refers to (the newest
 * message of each chain, not closed), with at least one info block, not run out (`expires_at`),
 * each with the source it was polled from and what decides that source's state.
 */
export async function pageWarningsInForce(db: Kysely<Database>, page: PageRequest<Date>, now: Date) {
  let q = db
    .selectFrom('received_alerts as r')
    .leftJoin('cap_sources as s', 's.id', 'r.source_id')
    .select([
      'r.id',
      'r.sender',
      'r.identifier',
      'r.sent',
      'r.sent_at',
      'r.msg_type',
      'r.alert',
      'r.expires_at',
      's.id as source_id',
      's.name as source_name',
      's.enabled as source_enabled',
      's.stale_after_seconds as source_stale_after_seconds',
      's.created_at as source_created_at',
      's.last_answered_at as source_last_answered_at',
      's.last_changed_at as source_last_changed_at',
      's.last_error_at as source_last_error_at',
    ])
    .where('r.status', '=', 'Actual')
    .where('r.msg_type', 'in', ['Alert', 'Update'])
    .where(sql<boolean>`jsonb_array_length(r.alert -> 'info') > 0`)
    .where((eb) => eb.or([eb('r.expires_at', 'is', null), eb('r.expires_at', '>', now)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('received_alerts as n')
            .select('n.id')
            .whereRef('n.refers_to', '=', 'r.id')
            .where('n.msg_type', 'in', ['Update', 'Cancel']),
        ),
      ),
    )
  if (page.after) q = q.where(beyond(page.after, { key: 'r.sent_at', id: 'r.id' }))
  return q
    .orderBy('r.sent_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1)
    .execute()
}
