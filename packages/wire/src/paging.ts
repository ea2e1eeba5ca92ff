import type { Static, TSchema } from 'typebox'
import { Type } from 'typebox'

/**
 * One way to read a list that grows (decision 013): `?limit=` (default `defaultPageLimit`, at
 * most `maxPageLimit`) and `?after=` (the `next` of the page before), answered `{ items, next }`
 * with `next` null on the last page.
 */
export const defaultPageLimit = 100
export const maxPageLimit = 500

/** `limit` and `after`, for a route's querystring schema (spread them into its properties). */
export const pageQuery = {
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: maxPageLimit,
      description: `items per page (default ${defaultPageLimit}, at most ${maxPageLimit})`,
    }),
  ),
  after: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 400,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'the `next` of the previous page (opaque)',
    }),
  ),
}

/** The querystring of a paged list without filters. */
export const PageQuery = Type.Object(pageQuery, { additionalProperties: false })

/** The `next` of a page: the `after` of the following page, null on the last. */
export const PageNext = Type.Union([Type.String(), Type.Null()], {
  description: 'the `after` of the next page; null on the last page',
})

/** The answer schema of a paged list. */
export function pageBody<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), next: PageNext })
}

/** The answer schema of a short list that does not page. */
export function itemsBody<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item) })
}

/** The static type of a short list of `T`s, as `itemsBody` describes it. */
export type Items<T> = { items: T[] }

/** The static type of a page of `T`s, as `pageBody` describes it. */
export type Page<T> = { items: T[]; next: Static<typeof PageNext> }
