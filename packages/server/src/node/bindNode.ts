import { LiaisonError } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'

/** A database belongs to one node: starting another node on it is refused, not silently merged. */
export async function bindNode(db: Kysely<Database>, nodeId: string): Promise<void> {
  await db
    .insertInto('node_meta')
    .values({ key: 'node.id', value: JSON.stringify(nodeId) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const row = await db
    .selectFrom('node_meta')
    .select('value')
    .where('key', '=', 'node.id')
    .executeTakeFirstOrThrow()
  if (row.value !== nodeId) {
    throw new LiaisonError(
      'config_invalid',
      `this database belongs to node '${String(row.value)}', not '${nodeId}': check node.id or the store`,
    )
  }
}
