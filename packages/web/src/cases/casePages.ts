import type { CasePage } from '../api/casesApi.ts'
import { withNextPage } from '../lists/pageMerging.ts'

/**
 * The cases shown so far with a further page added below them. A case already shown (its start
 * was changed between the two pages) stays in its place, as the newer page has it, and is not
 * shown twice; `next` is the new page's.
 */
export function withCasePage(shown: CasePage | null, page: CasePage): CasePage {
  return withNextPage(shown, page, (c) => c.id)
}
