import type { StreamHead } from '@liaison/core'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../schema.ts'

/** Where one peer stands, in both directions. */
export interface PeerState {
  readonly peer: string
  readonly outbound: StreamHead
  readonly ackedSeq: number
  readonly attempts: number
  readonly nextAttemptAt: Date | null
  readonly parkedSince: Date | null
  readonly firstError: { readonly message: string; readonly at: Date } | null
  readonly lastError: { readonly message: string; readonly at: Date } | null
  readonly lastContactAt: Date | null
  readonly protocol: number | null
  readonly inbound: StreamHead
}

/** The state of each peer that has one, by peer. */
export async function listPeerStates(db: Kysely<Database>): Promise<PeerState[]> {
  const rows = await db.selectFrom('federation_peer_state').selectAll().orderBy('peer').execute()
  return rows.map((r) => ({
    peer: r.peer,
    outbound: { seq: r.out_seq, hash: r.out_hash },
    ackedSeq: r.acked_seq,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    parkedSince: r.parked_since,
    firstError: r.first_error && r.first_error_at ? { message: r.first_error, at: r.first_error_at } : null,
    lastError: r.last_error && r.last_error_at ? { message: r.last_error, at: r.last_error_at } : null,
    lastContactAt: r.last_contact_at,
    protocol: r.protocol,
    inbound: { seq: r.in_seq, hash: r.in_hash },
  }))
}

/**
 * A push the peer answered: its copy of the stream stands at `acked` (the receiver says what it
 * holds: never past what was sent, and back if it holds less), the retries and their errors are
 * over, and the peer is in contact again.
 */
export async function recordPushAnswered(
  db: Kysely<Database>,
  peer: string,
  answer: { readonly acked: number; readonly protocol: number; readonly at: Date },
): Promise<void> {
  await db
    .updateTable('federation_peer_state')
    .set(({ eb, fn }) => ({
      acked_seq: fn('least', [
        eb.ref('out_seq'),
        fn('greatest', [eb.ref('acked_seq'), eb.val(answer.acked)]),
      ]),
      attempts: 0,
      next_attempt_at: null,
      parked_since: null,
      first_error: null,
      first_error_at: null,
      last_contact_at: answer.at,
      protocol: answer.protocol,
    }))
    .where('peer', '=', peer)
    .execute()
}

/**
 * A push that failed (no answer, or a refusal): one more attempt, the next one at `nextAttemptAt`;
 * the first error of the run is kept, the last replaces the one before; parked from the
 * `parkAfter`th failure in a row. A failure of an attempt that started before the peer's last
 * contact (it pulled meanwhile, coming back) is out of date and changes nothing: else it would
 * mark a peer that is back as unreachable, with nothing left to push that could clear it.
 */
export async function recordPushFailed(
  db: Kysely<Database>,
  peer: string,
  failure: {
    readonly error: string
    readonly at: Date
    /** When the failed attempt began. */
    readonly startedAt: Date
    readonly nextAttemptAt: Date
    readonly attempts: number
    readonly parked: boolean
    readonly acked?: number
    readonly contact?: boolean
  },
): Promise<void> {
  await db
    .updateTable('federation_peer_state')
    .set(({ eb, fn }) => ({
      attempts: failure.attempts,
      next_attempt_at: failure.nextAttemptAt,
      first_error: fn.coalesce('first_error', eb.val(failure.error)),
      first_error_at: fn.coalesce('first_error_at', eb.val(failure.at)),
      last_error: failure.error,
      last_error_at: failure.at,
      parked_since: failure.parked ? fn.coalesce('parked_since', eb.val(failure.at)) : eb.ref('parked_since'),
      ...(failure.acked === undefined
        ? {}
        : {
            acked_seq: fn('least', [eb.ref('out_seq'), eb.val(Math.max(0, failure.acked))]),
          }),
      ...(failure.contact ? { last_contact_at: failure.at } : {}),
    }))
    .where('peer', '=', peer)
    .where((eb) => eb.or([eb('last_contact_at', 'is', null), eb('last_contact_at', '<', failure.startedAt)]))
    .execute()
}

/** The oldest entry of each peer's stream it has not acknowledged: when it was appended. */
export async function oldestUnacknowledged(db: Kysely<Database>): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('federation_outbox as o')
    .innerJoin('federation_peer_state as s', 's.peer', 'o.peer')
    .where(sql<boolean>`o.seq = s.acked_seq + 1`)
    .select(['o.peer', 'o.created_at'])
    .execute()
  return new Map(rows.map((r) => [r.peer, r.created_at]))
}
