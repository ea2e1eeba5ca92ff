import { auditGenesisHash, auditHashInput } from '@liaison/core'
import type { Database } from '@liaison/server'
import { sha256Hex, toAuditRecord } from '@liaison/server'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * What someone with write access to the database can do to the audit chain so that the chain
 * on its own still verifies: only the signed checkpoints, kept outside the database, show it.
 */

/** Changes one row, then recomputes its hash, every later row's and the head's. */
export async function rewriteAuditRow(db: Kysely<Database>, seq: number, actor: string): Promise<void> {
  const rows = (await db.selectFrom('audit').selectAll().orderBy('seq').execute()).map(toAuditRecord)
  let prev = rows.find((r) => r.seq === seq - 1)?.hash ?? auditGenesisHash
  for (const row of rows.filter((r) => r.seq >= seq)) {
    const record = row.seq === seq ? { ...row, actor } : row
    const hash = await sha256Hex(auditHashInput(record, prev))
    await db
      .updateTable('audit')
      .set({ actor: record.actor, prev_hash: prev, hash })
      .where('seq', '=', row.seq)
      .execute()
    prev = hash
  }
  await db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute()
}

/** Deletes the rows after `seq` and moves the head back to it. */
export async function cutAuditTail(db: Kysely<Database>, seq: number): Promise<void> {
  await sql`delete from audit where seq > ${seq}`.execute(db)
  await sql`update audit_head set seq = a.seq, hash = a.hash from audit a where a.seq = ${seq} and audit_head.id = 1`.execute(
    db,
  )
}
