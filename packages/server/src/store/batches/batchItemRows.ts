import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../schema.ts'

/**
 * Takes an item id in its scope for this batch; false when it was taken before (a replay). Taken
 * first, so that a concurrent batch with the same item waits here, then finds it applied.
 */
export async function claimBatchItem(
  db: Kysely<Database>,
  item: { readonly scope: string; readonly itemId: string; readonly at: Date },
): Promise<boolean> {
  const taken = await db
    .insertInto('batch_items')
    .values({ scope: item.scope, item_id: item.itemId, ref: null, applied_at: item.at })
    .onConflict((oc) => oc.columns(['scope', 'item_id']).doNothing())
    .returning('item_id')
    .executeTakeFirst()
  return taken !== undefined
}

/** What an item made when it was first applied (its entry's id), when known. */
export async function batchItemRef(
  db: Kysely<Database>,
  scope: string,
  itemId: string,
): Promise<string | null> {
  const earlier = await db
    .selectFrom('batch_items')
    .select('ref')
    .where('scope', '=', scope)
    .where('item_id', '=', itemId)
    .executeTakeFirst()
  return earlier?.ref ?? null
}

export async function setBatchItemRef(
  db: Kysely<Database>,
  scope: string,
  itemId: string,
  ref: string,
): Promise<void> {
  await db
    .updateTable('batch_items')
    .set({ ref })
    .where('scope', '=', scope)
    .where('item_id', '=', itemId)
    .execute()
}

/** One item of a batch runs inside a savepoint, so that its refusal undoes only its own writes. */
export const itemSavepoint = {
  async open(db: Kysely<Database>): Promise<void> {
    await sql`savepoint batch_item`.execute(db)
  },
  async release(db: Kysely<Database>): Promise<void> {
    await sql`release savepoint batch_item`.execute(db)
  },
  async rollBack(db: Kysely<Database>): Promise<void> {
    await sql`rollback to savepoint batch_item`.execute(db)
    await sql`release savepoint batch_item`.execute(db)
  },
}
