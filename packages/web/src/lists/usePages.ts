import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../api/Page.ts'
import type { IdOf } from './pageMerging.ts'
import { withFreshFirstPage, withNextPage } from './pageMerging.ts'

export interface Pages<T> {
  /** The pages read so far, put together; null until the first arrives. */
  readonly data: Page<T> | null
  readonly error: unknown
  readonly loading: boolean
  /** Reads the next page and adds it below (nothing while a read runs or on the last page). */
  readonly more: () => void
  /** Reads the first page again and puts it on top, keeping the pages below. */
  readonly refresh: () => void
  /** Changes what is shown, after a change whose answer or live event says what it now is. */
  readonly update: (change: (shown: Page<T> | null) => Page<T> | null) => void
}

/**
 * A list the node pages: the first page on mount and whenever `key` changes (a filter), the next
 * on `more()`. An answer that arrives after unmount or after `key` changed is dropped.
 */
export function usePages<T>(load: (after?: string) => Promise<Page<T>>, idOf: IdOf<T>, key = ''): Pages<T> {
  const loadRef = useRef(load)
  const idRef = useRef(idOf)
  useEffect(() => {
    loadRef.current = load
    idRef.current = idOf
  })
  const [state, setState] = useState<{ data: Page<T> | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  })
  const generation = useRef(0)
  const busy = useRef(false)
  const dataRef = useRef<Page<T> | null>(null)
  dataRef.current = state.data

  const read = useCallback(
    (after: string | undefined, merge: (shown: Page<T> | null, page: Page<T>) => Page<T>) => {
      const asked = generation.current
      busy.current = true
      setState((s) => ({ ...s, loading: true }))
      loadRef.current(after).then(
        (page) => {
          if (asked !== generation.current) return
          busy.current = false
          setState((s) => ({ data: merge(s.data, page), error: null, loading: false }))
        },
        (error: unknown) => {
          if (asked !== generation.current) return
          busy.current = false
          setState((s) => ({ ...s, error, loading: false }))
        },
      )
    },
    [],
  )

  useEffect(() => {
    generation.current++
    setState({ data: null, error: null, loading: true })
    read(undefined, (_shown, page) => page)
    return () => {
      generation.current++
      busy.current = false
    }
  }, [key, read])

  const more = useCallback(() => {
    const next = dataRef.current?.next
    if (busy.current || !next) return
    read(next, (shown, page) => withNextPage(shown, page, idRef.current))
  }, [read])
  const refresh = useCallback(() => {
    read(undefined, (shown, page) => withFreshFirstPage(shown, page, idRef.current))
  }, [read])
  const update = useCallback((change: (shown: Page<T> | null) => Page<T> | null) => {
    setState((s) => ({ ...s, data: change(s.data) }))
  }, [])
  return { ...state, more, refresh, update }
}
