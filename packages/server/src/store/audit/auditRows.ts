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

/** The last seq of the chain (0 before the first row). */
export async function auditChainEnd(db: Kysely<Database>): Promise<number> {
  const end = await db
    .selectFrom('audit')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  return Number(end?.seq ?? 0)
}

/** The hashes of the chain's rows at the given seqs, read a thousand at a time. */
export async function auditHashesAt(
  db: Kysely<Database>,
  seqs: readonly number[],
): Promise<Map<number, string>> {
  const hashes = new Map<number, string>()
  for (let i = 0; i < seqs.length; i += 1000) {
    const rows = await db
      .selectFrom('audit')
      .select(['seq', 'hash'])
      .where('seq', 'in', seqs.slice(i, i + 1000))
      .execute()
    for (const row of rows) hashes.set(Number(row.seq), row.hash)
  }
  return hashes
}

/** The hash of the chain's row at `seq`, or null when the chain holds no such row. */
export async function auditHashAt(db: Kysely<Database>, seq: number): Promise<string | null> {
  const row = await db.selectFrom('audit').select('hash').where('seq', '=', seq).executeTakeFirst()
  return row?.hash ?? null
}

/** Which of these audit rows are in the chain already. */
export async function chainedAuditIds(db: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('audit').select('id').where('id', 'in', ids).execute()
  return rows.map((r) => r.id)
}
