import type { RawBuilder } from 'kysely'
import { sql } from 'kysely'

/** The place of an item in a list's order: its sort key (a time, a number or a text) and its id. */
export interface Position<K extends Date | number | string = Date | number | string> {
  readonly key: K
  readonly id: string
}

/** A page to read: the first `limit` items after `after` (none: from the start). */
export interface PageRequest<K extends Date | number | string = Date | number | string> {
  readonly after?: Position<K> | undefined
  readonly limit: number
}

/**
 * Keyset paging: the rows after `position` in the order `(key, id)` descending (or ascending),
 * as one row comparison that an index on `(key, id)` answers without reading the rows before.
 */
export function beyond(
  position: Position,
  columns: { readonly key: string; readonly id: string },
  order: 'desc' | 'asc' = 'desc',
): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(columns.key)}, ${sql.ref(columns.id)}) ${sql.raw(order === 'desc' ? '<' : '>')} (${position.key}, ${position.id})`
}
