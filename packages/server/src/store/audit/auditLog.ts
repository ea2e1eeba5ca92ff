import type { AuditRecord, AuditBreak, ChainedAuditRecord, Sha256Hex } from '@liaison/core'
import { auditGenesisHash, findAuditBreak } from '@liaison/core'
import type { Insertable, Kysely, Selectable } from 'kysely'
import type { AuditTable, Database, PendingEventsTable } from '../schema.ts'

/**
 * Locks the head of the audit chain for the rest of the transaction. Only the sequencer (which
 * moves the head) and the checkpoints (which sign it) take it; actions never do (decision 012).
 */
export async function lockAuditHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirst()
  if (!head) throw new Error('audit_head row is missing: the schema was not migrated')
  return head
}

/**
 * Writes an audit row, not yet chained, in the caller's transaction: the sequencer gives it its
 * place in the chain once the transaction has committed (decision 012). The action's events
 * (`pendingEventRows`), if any, go in the same statement: one round trip fewer per action.
 */
export async function insertPendingAudit(
  db: Kysely<Database>,
  record: AuditRecord,
  events: readonly Insertable<PendingEventsTable>[] = [],
): Promise<void> {
  if (events.length === 0) {
    await db.insertInto('pending_audit').values(auditColumns(record)).execute()
    return
  }
  await db
    .with('written_events', (q) => q.insertInto('pending_events').values([...events]))
    .insertInto('pending_audit')
    .values(auditColumns(record))
    .execute()
}

/** An audit record's columns, shared by `pending_audit` and the chained `audit` table. */
export function auditColumns(record: AuditRecord) {
  return {
    id: record.id,
    at: record.at,
    actor: record.actor,
    org_id: record.orgId,
    action: record.action,
    target: record.target,
    outcome: record.outcome,
    code: record.code,
    source: record.source,
    details: JSON.stringify(record.details),
  }
}

export function toAuditRecord(row: Selectable<AuditTable>): ChainedAuditRecord {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    actor: row.actor,
    orgId: row.org_id,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    code: row.code,
    source: row.source,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

export type AuditVerification =
  | { readonly ok: true; readonly rows: number; readonly head: string }
  | {
      readonly ok: false
      readonly rows: number
      readonly problem: AuditBreak | { kind: 'head'; seq: number }
    }

/** Walks the whole chain in pages and checks it ends at the recorded head. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  sha256: Sha256Hex,
  pageSize = 5_000,
): Promise<AuditVerification> {
  let position = { seq: 0, hash: auditGenesisHash }
  let rows = 0
  for (;;) {
    const page = (
      await db
        .selectFrom('audit')
        .selectAll()
        .where('seq', '>', position.seq)
        .orderBy('seq')
        .limit(pageSize)
        .execute()
    ).map(toAuditRecord)
    if (page.length === 0) break
    const problem = await findAuditBreak(page, sha256, position)
    if (problem) return { ok: false, rows: rows + page.findIndex((r) => r.seq === problem.seq), problem }
    rows += page.length
    const last = page.at(-1)!
    position = { seq: last.seq, hash: last.hash }
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst()
  if (!head || head.seq !== position.seq || head.hash !== position.hash) {
    return { ok: false, rows, problem: { kind: 'head', seq: head?.seq ?? 0 } }
  }
  return { ok: true, rows, head: position.hash }
}
