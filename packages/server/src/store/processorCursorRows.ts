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
 * Moves the cursor on to `seq` if it is still at `from` (a cursor never moves back, nor past what
 * another process did meanwhile); false if it was not there. In a batch's transaction, first:
 * the update takes the row's lock until the transaction ends, so two processes never handle the
 * same events at once (a second one waits, then finds the cursor moved and handles nothing).
 */
export async function moveProcessorCursor(
  db: Kysely<Database>,
  name: string,
  seq: number,
  from: number,
): Promise<boolean> {
  const result = await db
    .updateTable('processor_cursors')
    .set({ seq, updated_at: sql<Date>`now()` })
    .where('name', '=', name)
    .where('seq', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
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
 * handled every event up to `seq`, or, given its `kinds`, every event of those kinds (a cursor
 * moved past events of other kinds is saved a little later: decision 016); false if it has not
 * within `timeoutMs`. Never call it inside a transaction: on PGlite the processor's own
 * transaction would wait for it.
 */
export async function waitForProcessorCursor(
  db: Kysely<Database>,
  name: string,
  seq: number,
  options: {
    readonly kinds?: readonly string[] | null
    readonly timeoutMs?: number
    readonly pollMs?: number
  } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 2_000)
  const pollMs = options.pollMs ?? 10
  const kinds = options.kinds ?? null
  for (;;) {
    if (kinds === null) {
      if (((await readProcessorCursor(db, name)) ?? 0) >= seq) return true
    } else {
      const row = await db
        .selectFrom('processor_cursors as c')
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('events as e')
                .select('e.seq')
                .whereRef('e.seq', '>', 'c.seq')
                .where('e.seq', '<=', seq)
                .where('e.kind', 'in', kinds.length > 0 ? kinds : [''])
                .limit(1),
            )
            .as('behind'),
        )
        .where('c.name', '=', name)
        .executeTakeFirst()
      if (row && !row.behind) return true
    }
    if (Date.now() >= deadline) return false
    await new Promise<void>((resolve) => setTimeout(resolve, pollMs))
  }
}
