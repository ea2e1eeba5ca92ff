import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from './schema.ts'

/** The work processor's cursor row, made at 0 (so it starts with the first event) if missing. */
export async function ensureProcessorCursor(db: Kysely<Database>, name: string): Promise<void> {
  await db
    .insertInto('processor_cursors')
    .values({ name, seq: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
}

/**
 * Inside a processor's batch transaction: its cursor, with the row locked until the transaction
 * ends, so that two processes can never handle the same events at once (a second one waits, then
 * reads the cursor the first moved).
 */
export async function lockProcessorCursor(tx: Kysely<Database>, name: string): Promise<number> {
  const row = await tx
    .selectFrom('processor_cursors')
    .select('seq')
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new Error(`no cursor for the processor ${name}`)
  return Number(row.seq)
}

/**
 * Moves the cursor on to `seq`, in the transaction of the batch it has handled, if it is still
 * at `from` (a cursor never moves back, nor past what another process did meanwhile).
 */
export async function moveProcessorCursor(
  db: Kysely<Database>,
  name: string,
  seq: number,
  from: number,
): Promise<void> {
  await db
    .updateTable('processor_cursors')
    .set({ seq, updated_at: sql<Date>`now()` })
    .where('name', '=', name)
    .where('seq', '=', from)
    .execute()
}

/** The processor's cursor, or null if it has never run on this database. */
export async function readProcessorCursor(db: Kysely<Database>, name: string): Promise<number | null> {
  const row = await db
    .selectFrom('processor_cursors')
    .select('seq')
    .where('name', '=', name)
    .executeTakeFirst()
  return row ? Number(row.seq) : null
}

/** The seq of the newest event (0 when there is none). */
export async function headSeq(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  return Number(row?.seq ?? 0)
}

/**
 * Waits (polling, so it works whichever process owns the processor) until the processor has
 * handled every event up to `seq`; false if it has not within `timeoutMs`. Never call it inside a
 * transaction: on PGlite the processor's own transaction would wait for it.
 */
export async function waitForProcessorCursor(
  db: Kysely<Database>,
  name: string,
  seq: number,
  options: { readonly timeoutMs?: number; readonly pollMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 2_000)
  const pollMs = options.pollMs ?? 10
  for (;;) {
    const at = (await readProcessorCursor(db, name)) ?? 0
    if (at >= seq) return true
    if (Date.now() >= deadline) return false
    await new Promise<void>((resolve) => setTimeout(resolve, pollMs))
  }
}
