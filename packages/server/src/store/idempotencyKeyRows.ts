import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** Which request holds a key: its principal, the key, and when the holder started. */
export interface IdempotencyHold {
  readonly principal: string
  readonly key: string
  readonly fingerprint: string
  readonly startedAt: Date
}

export interface StoredAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** As stored: sealed by the caller (idempotencyHook), never in the clear. */
  readonly sealedBody: string | null
}

/** What a request finds when it asks for its key. */
export type IdempotencyClaim =
  | { readonly kind: 'claimed'; readonly hold: IdempotencyHold }
  /** The key was used for a request with another fingerprint. */
  | { readonly kind: 'reused' }
  /** The same request is still running. */
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly answer: StoredAnswer }

export interface ClaimIdempotencyKey {
  readonly principal: string
  readonly key: string
  readonly fingerprint: string
  readonly at: Date
  readonly expiresAt: Date
  /** A request still running after this long is taken as dead (its process stopped): a retry may take over. */
  readonly leaseMs: number
}

/**
 * Takes the key for this request, or says who has it. Atomic on both engines: the insert that
 * wins the primary key holds it; an expired row (or one of a dead request) is taken over by an
 * update that only one retry can win.
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  claim: ClaimIdempotencyKey,
): Promise<IdempotencyClaim> {
  const hold: IdempotencyHold = {
    principal: claim.principal,
    key: claim.key,
    fingerprint: claim.fingerprint,
    startedAt: claim.at,
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({
        principal: claim.principal,
        key: claim.key,
        fingerprint: claim.fingerprint,
        state: 'running',
        started_at: claim.at,
        expires_at: claim.expiresAt,
      })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst()
    if (inserted) return { kind: 'claimed', hold }
    const taken = await db
      .updateTable('idempotency_keys')
      .set({
        fingerprint: claim.fingerprint,
        state: 'running',
        started_at: claim.at,
        expires_at: claim.expiresAt,
        status: null,
        headers: null,
        body: null,
      })
      .where('principal', '=', claim.principal)
      .where('key', '=', claim.key)
      .where((eb) =>
        eb.or([
          eb('expires_at', '<=', claim.at),
          eb.and([
            eb('state', '=', 'running'),
            eb('fingerprint', '=', claim.fingerprint),
            eb('started_at', '<=', new Date(claim.at.getTime() - claim.leaseMs)),
          ]),
        ]),
      )
      .returning('key')
      .executeTakeFirst()
    if (taken) return { kind: 'claimed', hold }
    const row = await db
      .selectFrom('idempotency_keys')
      .select(['fingerprint', 'state', 'status', 'headers', 'body'])
      .where('principal', '=', claim.principal)
      .where('key', '=', claim.key)
      .executeTakeFirst()
    // released (its request failed) between our insert and this read: try again
    if (!row) continue
    if (row.fingerprint !== claim.fingerprint) return { kind: 'reused' }
    if (row.state === 'running' || row.status === null) return { kind: 'running' }
    return {
      kind: 'done',
      answer: { status: row.status, headers: row.headers ?? {}, sealedBody: row.body },
    }
  }
  return { kind: 'running' }
}

/** Keeps the first answer of the request that holds the key. */
export async function completeIdempotencyKey(
  db: Kysely<Database>,
  hold: IdempotencyHold,
  answer: StoredAnswer,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      state: 'done',
      status: answer.status,
      headers: JSON.stringify(answer.headers),
      body: answer.sealedBody,
    })
    .where('principal', '=', hold.principal)
    .where('key', '=', hold.key)
    .where('state', '=', 'running')
    .where('started_at', '=', hold.startedAt)
    .execute()
}

/** Frees the key of a request that failed (5xx, or no answer to keep): a retry runs it afresh. */
export async function releaseIdempotencyKey(db: Kysely<Database>, hold: IdempotencyHold): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('principal', '=', hold.principal)
    .where('key', '=', hold.key)
    .where('state', '=', 'running')
    .where('started_at', '=', hold.startedAt)
    .execute()
}

/** Deletes the keys that have expired; returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Kysely<Database>, at: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', at).executeTakeFirst()
  return Number(result.numDeletedRows)
}
