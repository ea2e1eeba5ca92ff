import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** One of this node's public keys: the current one has no `retiredAt`. */
export interface NodeKeyRecord {
  readonly keyId: string
  /** Raw 32-byte Ed25519 key, base64url. */
  readonly publicKey: string
  readonly createdAt: Date
  readonly retiredAt: Date | null
}

/** This node's keys, the current one first, then the retired ones, newest first. */
export async function listNodeKeys(db: Kysely<Database>): Promise<NodeKeyRecord[]> {
  const rows = await db
    .selectFrom('node_keys')
    .selectAll()
    .orderBy(({ eb }) => eb('retired_at', 'is', null), 'desc')
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => ({
    keyId: r.key_id,
    publicKey: r.public_key,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
  }))
}

/**
 * Records the key the node signs with now: unchanged when it is already the current one;
 * otherwise the current one is retired (its events still verify by its key id) and this one, new
 * or a retired one brought back, becomes current. Runs in one transaction.
 */
export async function recordNodeKey(
  db: Kysely<Database>,
  key: { readonly keyId: string; readonly publicKey: string },
  at: Date,
): Promise<{ readonly changed: boolean }> {
  return db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('node_keys')
      .select('key_id')
      .where('retired_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (current?.key_id === key.keyId) return { changed: false }
    await tx.updateTable('node_keys').set({ retired_at: at }).where('retired_at', 'is', null).execute()
    await tx
      .insertInto('node_keys')
      .values({ key_id: key.keyId, public_key: key.publicKey, created_at: at, retired_at: null })
      .onConflict((oc) => oc.column('key_id').doUpdateSet({ retired_at: null }))
      .execute()
    return { changed: true }
  })
}

/**
 * Records a rotation inside the caller's transaction: `previous` (the key the node signed with)
 * is retired at `at`, recorded first if it was not, and `next` becomes current (decision 045).
 */
export async function rotateNodeKeyRows(
  db: Kysely<Database>,
  previous: { readonly keyId: string; readonly publicKey: string },
  next: { readonly keyId: string; readonly publicKey: string },
  at: Date,
): Promise<void> {
  await db.updateTable('node_keys').set({ retired_at: at }).where('retired_at', 'is', null).execute()
  await db
    .insertInto('node_keys')
    .values({ key_id: previous.keyId, public_key: previous.publicKey, created_at: at, retired_at: at })
    .onConflict((oc) => oc.column('key_id').doUpdateSet({ retired_at: at }))
    .execute()
  await db
    .insertInto('node_keys')
    .values({ key_id: next.keyId, public_key: next.publicKey, created_at: at, retired_at: null })
    .onConflict((oc) => oc.column('key_id').doUpdateSet({ retired_at: null }))
    .execute()
}
