import type { Page } from '@liaison/wire'

/**
 * One page of a list the node pages (decision 013), as `pageBody` in `@liaison/wire` describes
 * it: newest first unless the list says otherwise; `next` is the `after` of the following page,
 * null on the last.
 */
export type { Page }

/** The query string of a paged list: its filters (empty ones left out), then `after` if any. */
export function pageQuery(filter: Readonly<Record<string, string | undefined>>, after?: string): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value) search.set(key, value)
  if (after) search.set('after', after)
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** Every item of a paged list, page after page: for the few lists a screen needs whole (the open cases). */
export async function readAllPages<T>(load: (after?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = []
  let after: string | undefined
  for (;;) {
    const page = await load(after)
    items.push(...page.items)
    if (!page.next) return items
    after = page.next
  }
}
