import type { Kysely } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import type { Database } from '../schema.ts'

/** A page of an organisation's audit, newest first (by sequence number; `limit + 1` rows read). */
export async function pageAudit(db: Kysely<Database>, orgId: string, page: PageRequest<number>) {
  let query = db
    .selectFrom('audit')
    .select(['seq', 'at', 'actor', 'action', 'target', 'outcome', 'code', 'source', 'details'])
    .where('org_id', '=', orgId)
    .orderBy('seq', 'desc')
    .limit(page.limit + 1)
  if (page.after) query = query.where('seq', '<', page.after.key)
  return query.execute()
}
