import type { AuditRecord, Sha256Hex, StoredEvent } from '@liaison/core'
import { auditHashInput } from '@liaison/core'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { auditColumns } from '../audit/auditLog.ts'
import { eventColumns, toStoredEvent } from './eventRows.ts'
import { eventsChannel } from '../../events/followCommittedEvents.ts'
import type { Database } from '../schema.ts'

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
  // three statements a batch (two when there is nothing to do), besides BEGIN and COMMIT: each is
  // a round trip the actions waiting on this batch wait for too
  return db.transaction().execute(async (tx) => {
    // batches one at a time, even beside a leader that lost its lock without noticing; taken in a
    // statement of its own, so that what follows reads what the batch before committed
    if (options.engine === 'postgres')
      await sql`select pg_advisory_xact_lock(${sequencerBatchLock})`.execute(tx)
    // the audit rows and their events in one statement, so one snapshot: an action's events
    // commit with its audit row, so every event of a row read here is read with it. The head and
    // the last seq come with them: only a batch moves them, and batches run one at a time (the
    // lock above; on PGlite, one process and one batch at a time); a checkpoint that holds the
    // head while it signs it makes this batch's update of the head wait
    const audit = await tx
      .selectFrom('pending_audit as a')
      .selectAll('a')
      .select([
        sql<
          PendingEventJson[] | string | null
        >`(select json_agg(e order by e.pending) from pending_events e where e.audit_id = a.id)`.as('events'),
        sql<number | string | null>`(select seq from audit_head where id = 1)`.as('head_seq'),
        sql<string | null>`(select hash from audit_head where id = 1)`.as('head_hash'),
        sql<number | string | null>`(select max(seq) from events)`.as('last_event'),
      ])
      .orderBy('a.pending')
      .limit(options.limit)
      .execute()
    const first = audit[0]
    if (!first) return { auditIds: [], events: [] }
    if (first.head_seq === null || first.head_hash === null)
      throw new Error('audit_head row is missing: the schema was not migrated')
    const head = { seq: first.head_seq, hash: first.head_hash, last_event: first.last_event }
    let eventSeq = Number(head.last_event ?? 0)

    const events: StoredEvent[] = []
    const pendingEvents: number[] = []
    const chained: { record: AuditRecord; seq: number; prevHash: string; hash: string }[] = []
    let prev = { seq: Number(head.seq), hash: head.hash }
    for (const row of audit) {
      const seqs: number[] = []
      const written: PendingEventJson[] =
        typeof row.events === 'string' ? (JSON.parse(row.events) as PendingEventJson[]) : (row.events ?? [])
      for (const e of written) {
        eventSeq += 1
        seqs.push(eventSeq)
        pendingEvents.push(Number(e.pending))
        events.push(toStoredEvent({ ...e, seq: eventSeq, at: new Date(e.at) }))
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

    // every move in one statement: data-modifying CTEs all run, whatever the final select reads
    const moveAudit = tx
      .with('moved_audit', (q) =>
        q.insertInto('audit').values(
          chained.map(({ record, seq, prevHash, hash }) => ({
            seq,
            ...auditColumns(record),
            prev_hash: prevHash,
            hash,
          })),
        ),
      )
      .with('gone_audit', (q) =>
        q.deleteFrom('pending_audit').where(
          'pending',
          'in',
          audit.map((a) => a.pending),
        ),
      )
      .with('moved_head', (q) =>
        q.updateTable('audit_head').set({ seq: prev.seq, hash: prev.hash }).where('id', '=', 1),
      )
    const moveAll =
      events.length === 0
        ? moveAudit
        : moveAudit
            .with('moved_events', (q) =>
              q.insertInto('events').values(events.map((e) => ({ seq: e.seq, ...eventColumns(e) }))),
            )
            .with('gone_events', (q) => q.deleteFrom('pending_events').where('pending', 'in', pendingEvents))
    // every process of the node reads the new events (and learns its rows are in) once this commits
    await moveAll
      .selectNoFrom(
        options.engine === 'postgres'
          ? sql<string>`pg_notify(${eventsChannel}, '')`.as('n')
          : sql<string>`''`.as('n'),
      )
      .execute()
    return { auditIds: audit.map((a) => a.id), events }
  })
}

/** A `pending_events` row as `json_agg` gives it: times as ISO text. */
interface PendingEventJson {
  readonly pending: number | string
  readonly id: string
  readonly at: string
  readonly kind: string
  readonly subject: string
  readonly origin: string
  readonly org_id: string
  readonly status: 'actual' | 'exercise' | 'test'
  readonly distribution: unknown
  readonly tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED'
  readonly schema_version: number
  readonly audience: string[]
  readonly body: unknown
}
