import type { AuditRecord, Sha256Hex, StoredEvent } from '@liaison/core'
import { auditHashInput } from '@liaison/core'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { auditColumns } from '../audit/auditLog.ts'
import { eventColumns, toStoredEvent } from '../events/eventRows.ts'
import { eventsChannel } from '../events/followCommittedEvents.ts'
import type { Database } from '../store/schema.ts'

/** PostgreSQL advisory lock held by the process that sequences (the session that leads). */
export const sequencerLeaderLock = 0x6c69_6100
/** PostgreSQL advisory lock held for the length of each batch: never two batches at once. */
export const sequencerBatchLock = 0x6c69_6101
/** Wakes the sequencer from another process: rows were committed. */
export const sequenceChannel = 'liaison_sequence'

export interface SequencedBatch {
  /** The audit rows chained, in chain order. */
  readonly auditIds: readonly string[]
  /** The events numbered, in seq order. */
  readonly events: readonly StoredEvent[]
}

/**
 * One batch: takes the oldest committed unnumbered audit rows (at most `limit`) and the events
 * written with them, numbers the events after the last numbered one (each action's events
 * together, in the order it emitted them), adds their seqs to their audit row's details, chains
 * the rows after the audit head, and moves them into `events` and `audit`, in one transaction.
 * Rows still being written are invisible until their transaction commits, so they go to a later
 * batch, with higher numbers: readers of `events` and `audit` only ever see rows numbered in the
 * order they became visible, and a reader that resumes after a seq never skips one.
 */
export async function sequenceBatch(
  db: Kysely<Database>,
  options: { readonly engine: 'pglite' | 'postgres'; readonly sha256: Sha256Hex; readonly limit: number },
): Promise<SequencedBatch> {
  return db.transaction().execute(async (tx) => {
    if (options.engine === 'postgres')
      await sql`select pg_advisory_xact_lock(${sequencerBatchLock})`.execute(tx)
    const audit = await tx
      .selectFrom('pending_audit')
      .selectAll()
      .orderBy('pending')
      .limit(options.limit)
      .execute()
    if (audit.length === 0) return { auditIds: [], events: [] }
    const pendingEvents = await tx
      .selectFrom('pending_events')
      .selectAll()
      .where(
        'audit_id',
        'in',
        audit.map((a) => a.id),
      )
      .orderBy('pending')
      .execute()
    const head = await tx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirst()
    if (!head) throw new Error('audit_head row is missing: the schema was not migrated')
    const lastEvent = await tx
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst()
    let eventSeq = Number(lastEvent?.seq ?? 0)

    const byAudit = new Map<string, typeof pendingEvents>()
    for (const e of pendingEvents) {
      const list = byAudit.get(e.audit_id)
      if (list) list.push(e)
      else byAudit.set(e.audit_id, [e])
    }
    const events: StoredEvent[] = []
    const chained: { record: AuditRecord; seq: number; prevHash: string; hash: string }[] = []
    let prev = { seq: Number(head.seq), hash: head.hash }
    for (const row of audit) {
      const seqs: number[] = []
      for (const e of byAudit.get(row.id) ?? []) {
        eventSeq += 1
        seqs.push(eventSeq)
        events.push(toStoredEvent({ ...e, seq: eventSeq }))
      }
      const record: AuditRecord = {
        id: row.id,
        at: row.at,
        actor: row.actor,
        orgId: row.org_id,
        action: row.action,
        target: row.target,
        outcome: row.outcome,
        code: row.code,
        source: row.source,
        details: seqs.length > 0 ? { ...row.details, events: seqs } : row.details,
      }
      const seq = prev.seq + 1
      const hash = await options.sha256(auditHashInput({ ...record, seq }, prev.hash))
      chained.push({ record, seq, prevHash: prev.hash, hash })
      prev = { seq, hash }
    }

    if (events.length > 0) {
      await tx
        .insertInto('events')
        .values(events.map((e) => ({ seq: e.seq, ...eventColumns(e) })))
        .execute()
      await tx
        .deleteFrom('pending_events')
        .where(
          'pending',
          'in',
          pendingEvents.map((e) => e.pending),
        )
        .execute()
    }
    await tx
      .insertInto('audit')
      .values(
        chained.map(({ record, seq, prevHash, hash }) => ({
          seq,
          ...auditColumns(record),
          prev_hash: prevHash,
          hash,
        })),
      )
      .execute()
    await tx
      .deleteFrom('pending_audit')
      .where(
        'pending',
        'in',
        audit.map((a) => a.pending),
      )
      .execute()
    await tx.updateTable('audit_head').set({ seq: prev.seq, hash: prev.hash }).where('id', '=', 1).execute()
    // every process of the node reads the new events (and learns its rows are in) once this commits
    if (options.engine === 'postgres') await sql`select pg_notify(${eventsChannel}, '')`.execute(tx)
    return { auditIds: audit.map((a) => a.id), events }
  })
}
