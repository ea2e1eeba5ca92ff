import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** Records which node a database belongs to, once, and answers the node recorded. */
export async function claimNodeId(db: Kysely<Database>, nodeId: string): Promise<unknown> {
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
  return row.value
}
