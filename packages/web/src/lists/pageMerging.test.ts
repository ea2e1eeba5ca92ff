import { describe, expect, it } from 'vitest'
import { newerFirst, withFreshFirstPage, withLiveItem, withNextPage } from './pageMerging.ts'

interface Entry {
  readonly id: string
  readonly at: string
  readonly text?: string
}
const entry = (id: string, hour: number, text = id): Entry => ({
  id,
  at: `2026-07-14T${String(hour).padStart(2, '0')}:00:00.000Z`,
  text,
})
const idOf = (e: Entry) => e.id
const ids = (page: { items: readonly Entry[] } | null) => page?.items.map(idOf)
const before = newerFirst<Entry>((e) => e.at, idOf)

describe('withNextPage', () => {
  it('shows the first page as it came', () => {
    const first = { items: [entry('b', 9), entry('a', 8)], next: 'c1' }
    expect(withNextPage(null, first, idOf)).toBe(first)
  })

  it('adds each page below and takes its next, until the last', () => {
    const shown = { items: [entry('d', 11), entry('c', 10)], next: 'c1' }
    const more = withNextPage(shown, { items: [entry('b', 9), entry('a', 8)], next: 'c2' }, idOf)
    expect(ids(more)).toEqual(['d', 'c', 'b', 'a'])
    expect(more.next).toBe('c2')
    const last = withNextPage(more, { items: [], next: null }, idOf)
    expect(ids(last)).toEqual(['d', 'c', 'b', 'a'])
    expect(last.next).toBeNull()
  })

  it('never shows an item twice: one met again keeps its place, as the newer page has it', () => {
    const shown = { items: [entry('c', 10), entry('b', 9)], next: 'c1' }
    const more = withNextPage(shown, { items: [entry('b', 9, 'edited'), entry('a', 8)], next: null }, idOf)
    expect(ids(more)).toEqual(['c', 'b', 'a'])
    expect(more.items[1]?.text).toBe('edited')
  })
})

describe('withFreshFirstPage', () => {
  it('puts a new item on top and keeps the pages already read below, with their next', () => {
    const shown = { items: [entry('d', 11), entry('c', 10), entry('b', 9), entry('a', 8)], next: 'c2' }
    const fresh = withFreshFirstPage(shown, { items: [entry('e', 12), entry('d', 11)], next: 'c1' }, idOf)
    expect(ids(fresh)).toEqual(['e', 'd', 'c', 'b', 'a'])
    expect(fresh.next).toBe('c2')
  })

  it('replaces the first page when only it was shown: the one pushed to the second page comes with it', () => {
    const shown = { items: [entry('b', 9), entry('a', 8)], next: 'old' }
    const first = { items: [entry('c', 10), entry('b', 9)], next: 'new' }
    expect(withFreshFirstPage(shown, first, idOf)).toBe(first)
    const more = withNextPage(first, { items: [entry('a', 8)], next: null }, idOf)
    expect(ids(more)).toEqual(['c', 'b', 'a'])
  })

  it('drops an item that left the list (a task no longer overdue) when the fresh page is the whole list', () => {
    const shown = { items: [entry('c', 10), entry('b', 9), entry('a', 8)], next: null }
    const first = { items: [entry('c', 10), entry('a', 8, 'moved on')], next: null }
    const fresh = withFreshFirstPage(shown, first, idOf)
    expect(ids(fresh)).toEqual(['c', 'a'])
    expect(fresh.items.map((e) => e.text)).toEqual(['c', 'moved on'])
  })
})

describe('withLiveItem', () => {
  it('puts a live entry on top, or replaces its copy', () => {
    const shown = { items: [entry('b', 9), entry('a', 8)], next: 'c1' }
    expect(ids(withLiveItem(shown, entry('c', 10), idOf, before))).toEqual(['c', 'b', 'a'])
    const again = withLiveItem(shown, entry('b', 9, 'refreshed'), idOf, before)
    expect(ids(again)).toEqual(['b', 'a'])
    expect(again?.items[0]?.text).toBe('refreshed')
  })

  it('puts an entry dated earlier in its place, and leaves one older than all shown for its page', () => {
    const shown = { items: [entry('c', 10), entry('a', 8)], next: 'c1' }
    expect(ids(withLiveItem(shown, entry('b', 9), idOf, before))).toEqual(['c', 'b', 'a'])
    expect(withLiveItem(shown, entry('z', 7), idOf, before)).toBe(shown)
    // the page it belongs to then brings it once
    const more = withNextPage(
      withLiveItem(shown, entry('z', 7), idOf, before),
      { items: [entry('z', 7)], next: null },
      idOf,
    )
    expect(ids(more)).toEqual(['c', 'a', 'z'])
  })

  it('adds an older entry at the end once every page is shown, and orders entries of the same time by id', () => {
    const shown = { items: [entry('c', 10), entry('a', 8)], next: null }
    expect(ids(withLiveItem(shown, entry('z', 7), idOf, before))).toEqual(['c', 'a', 'z'])
    expect(ids(withLiveItem(shown, entry('d', 10), idOf, before))).toEqual(['d', 'c', 'a'])
    expect(withLiveItem(null, entry('d', 10), idOf, before)).toBeNull()
  })
})
