import type { CasePage } from '../api/casesApi.ts'

/**
 * The cases shown so far with a further page added below them. A case already shown (its start
 * was changed between the two pages) stays in its place, as the newer page has it, and is not
 * shown twice; `next` is the new page's.
 */
export function withCasePage(shown: CasePage | null, page: CasePage): CasePage {
  if (!shown) return page
  const newer = new Map(page.items.map((c) => [c.id, c]))
  const kept = shown.items.map((c) => newer.get(c.id) ?? c)
  const keptIds = new Set(kept.map((c) => c.id))
  return { items: [...kept, ...page.items.filter((c) => !keptIds.has(c.id))], next: page.next }
}
