import { LiaisonError } from '@liaison/core'
import type { Position } from '../store/keyset.ts'

/**
 * The cursors of the lists that page (decision 013): a cursor is opaque to clients, base64url of
 * a JSON array naming the list and the last item's place in its order. The query and answer
 * schemas (`pageQuery`, `pageBody`, the limits) are in `@liaison/wire`.
 *
 * What one list's cursors hold besides the id: a time, a number or a text. `seq` lists (audit,
 * notifications) are ordered by a unique number alone (their id is ''); `id` lists by their
 * UUIDv7 id alone (the key is the id); `code` lists (areas) by a text whose id is a UUID or the
 * code of a shipped area (`BE-LG`).
 */
export type CursorKey = 'time' | 'number' | 'text' | 'seq' | 'id' | 'code'
type KeyOf<C extends CursorKey> = C extends 'time' ? Date : C extends 'number' | 'seq' ? number : string

/** Each list with its cursor's key: a cursor of one list is refused by another. */
export const pagedLists = {
  cases: 'time',
  log: 'time',
  search: 'time',
  tasks: 'time',
  overdue: 'time',
  decisions: 'time',
  sitreps: 'number',
  audit: 'seq',
  notifications: 'seq',
  map: 'id',
  contacts: 'text',
  receivedAlerts: 'time',
  warnings: 'time',
  areas: 'code',
  alerts: 'time',
  alertTemplates: 'time',
  incoming: 'time',
  receivedCaseItems: 'time',
  receivedFeatures: 'time',
  alertProposals: 'time',
  receipts: 'text',
  pages: 'time',
} as const satisfies Record<string, CursorKey>
export type PagedList = keyof typeof pagedLists
export type PositionOf<L extends PagedList> = Position<KeyOf<(typeof pagedLists)[L]>>

export function encodeCursor<L extends PagedList>(list: L, position: PositionOf<L>): string {
  const key = position.key instanceof Date ? position.key.toISOString() : position.key
  return Buffer.from(JSON.stringify([list, key, position.id]), 'utf8').toString('base64url')
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const shippedAreaId = /^[A-Z]{2}(-[A-Z]{2})?$/

function keyFrom(kind: CursorKey, raw: unknown): Date | number | string | null {
  switch (kind) {
    case 'time': {
      if (typeof raw !== 'string' || !isoInstant.test(raw)) return null
      const at = new Date(raw)
      return Number.isNaN(at.getTime()) || at.toISOString() !== raw ? null : at
    }
    case 'number':
    case 'seq':
      return typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? raw : null
    case 'text':
    case 'code':
      return typeof raw === 'string' && raw.length <= 200 && !raw.includes('\u0000') ? raw : null
    case 'id':
      return typeof raw === 'string' && uuid.test(raw) ? raw : null
    default: {
      const exhaustive: never = kind
      return exhaustive
    }
  }
}

/** The position a cursor names, or `400 validation_failed` naming `querystring/after`. */
export function decodeCursor<L extends PagedList>(list: L, cursor: string): PositionOf<L> {
  const refuse = (why: string): never => {
    throw new LiaisonError('validation_failed', `querystring/after ${why}`, [
      { path: 'querystring/after', message: why },
    ])
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    return refuse('is not a cursor')
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return refuse('is not a cursor')
  const [name, rawKey, id] = parsed as unknown[]
  if (name !== list) return refuse(`is not a cursor of this list (${list})`)
  const key = keyFrom(pagedLists[list], rawKey)
  const kind: CursorKey = pagedLists[list]
  const idOk =
    kind === 'seq'
      ? id === ''
      : typeof id === 'string' &&
        (uuid.test(id) || (kind === 'code' && shippedAreaId.test(id))) &&
        (kind !== 'id' || key === id)
  if (key === null || !idOk) return refuse('is not a cursor of this list')
  return { key, id } as PositionOf<L>
}

/** The position to start from, if the request named one. */
export function startOf<L extends PagedList>(list: L, after: string | undefined): PositionOf<L> | undefined {
  return after === undefined ? undefined : decodeCursor(list, after)
}

/**
 * A page from the rows a query read: it asks for `limit + 1` rows, so that one more than the page
 * says there is a next page without reading an empty one.
 */
export function pageFrom<R, L extends PagedList>(
  list: L,
  rows: readonly R[],
  limit: number,
  positionOf: (row: R) => PositionOf<L>,
): { items: R[]; next: string | null } {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items,
    next: rows.length > limit && last !== undefined ? encodeCursor(list, positionOf(last)) : null,
  }
}
