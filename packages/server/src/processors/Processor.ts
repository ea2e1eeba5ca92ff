import type { EventKind, StoredEvent } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'

/**
 * A durable consumer of the node's events (decision 016). One process of the node owns it at a
 * time; it handles the events after its cursor, in seq order, a batch at a time, and its cursor
 * moves in the same transaction as what it writes: a batch is handled completely or not at all,
 * and after a crash it is handled again (at least once; exactly once for its database writes).
 */
export interface WorkProcessor {
  /** Names its cursor and its lock: never rename one that has run. */
  readonly name: string
  /** The kinds it is given (null: every kind); its cursor passes the others by. */
  readonly kinds: readonly EventKind[] | null
  /**
   * Handles a batch inside the transaction that moves the cursor past it. Throwing rolls the
   * batch back; it is tried again, with back-off, and the node logs each failure.
   */
  handle(batch: WorkBatch): Promise<void>
  /**
   * Which of a batch's events it has anything to do with, asked before a transaction is opened
   * (on the pool, not in a transaction): none, and the batch is passed by like events of other
   * kinds. Without it, every event of its kinds is handed over.
   */
  relevant?(db: Kysely<Database>, events: readonly StoredEvent[]): Promise<readonly StoredEvent[]>
  /** After the transaction that handled a batch committed (to wake what reads its writes). */
  committed?(): void
  /** After the transaction that handled a batch rolled back. */
  rolledBack?(): void
}

export interface WorkBatch {
  readonly tx: Kysely<Database>
  /** In seq order; never empty. */
  readonly events: readonly StoredEvent[]
}

/**
 * A consumer that runs in every process for that process's own clients (the live stream, the
 * metrics): it starts from the head (or a given seq) and keeps no cursor. A follower that throws
 * is logged and given the next events all the same.
 */
export interface Follower {
  readonly name: string
  /** The kinds it is given (null: every kind). */
  readonly kinds: readonly EventKind[] | null
  handle(events: readonly StoredEvent[]): void
}
