import type { Page } from '../api/Page.ts'

/** How a list names its items. */
export type IdOf<T> = (item: T) => string

/**
 * The items shown so far with a further page added below them. An item already shown (it moved
 * in the order between the two pages, or arrived live) stays in its place, as the newer page has
 * it, and is not shown twice; `next` is the new page's.
 */
export function withNextPage<T>(shown: Page<T> | null, page: Page<T>, idOf: IdOf<T>): Page<T> {
  if (!shown) return page
  const newer = new Map(page.items.map((item) => [idOf(item), item]))
  const kept = shown.items.map((item) => newer.get(idOf(item)) ?? item)
  const keptIds = new Set(kept.map(idOf))
  return { items: [...kept, ...page.items.filter((item) => !keptIds.has(idOf(item)))], next: page.next }
}

/**
 * The items shown so far after the first page was read again (something changed). When the
 * fresh page is the whole list, or only the first page was shown, the fresh one replaces it (an item that left the list, such as a task no
 * longer overdue, goes; one pushed to the second page comes back with it). When more pages were
 * shown, the fresh first page goes on top, in its order, then the rest of what was shown, once
 * each, and the pages below keep their `next`.
 */
export function withFreshFirstPage<T>(shown: Page<T> | null, first: Page<T>, idOf: IdOf<T>): Page<T> {
  // the fresh page is the whole list, or only one page was shown: it replaces what was shown
  if (!shown || first.next === null || shown.items.length <= first.items.length) return first
  const freshIds = new Set(first.items.map(idOf))
  const rest = shown.items.filter((item) => !freshIds.has(idOf(item)))
  return { items: [...first.items, ...rest], next: shown.next }
}

/**
 * An item that arrived live (or was just written here) put into the items shown: it replaces its
 * copy if shown, or goes to its place in the order (`before(a, b)`: a comes first). An item that
 * belongs below the last one shown while more pages remain is left for its page, so that it is
 * never shown out of order nor twice.
 */
export function withLiveItem<T>(
  shown: Page<T> | null,
  item: T,
  idOf: IdOf<T>,
  before: (a: T, b: T) => boolean,
): Page<T> | null {
  if (!shown) return shown
  const id = idOf(item)
  if (shown.items.some((i) => idOf(i) === id))
    return { ...shown, items: shown.items.map((i) => (idOf(i) === id ? item : i)) }
  const at = shown.items.findIndex((i) => before(item, i))
  if (at < 0) return shown.next === null ? { ...shown, items: [...shown.items, item] } : shown
  return { ...shown, items: [...shown.items.slice(0, at), item, ...shown.items.slice(at)] }
}

/** Newest first by a time, then by id, both descending: the order of the node's logs. */
export function newerFirst<T>(timeOf: (item: T) => string, idOf: IdOf<T>): (a: T, b: T) => boolean {
  return (a, b) => {
    const ta = Date.parse(timeOf(a))
    const tb = Date.parse(timeOf(b))
    return ta !== tb ? ta > tb : idOf(a) > idOf(b)
  }
}
