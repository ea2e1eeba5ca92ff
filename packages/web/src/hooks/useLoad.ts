import { useCallback, useEffect, useRef, useState } from 'react'

export interface Loaded<T> {
  readonly data: T | null
  readonly error: unknown
  readonly loading: boolean
  /** Loads again, keeping the data shown until the answer arrives. */
  readonly reload: () => void
  /** Replaces the data, after a change whose answer says what it now is. */
  readonly set: (data: T) => void
}

/** Runs `load` once on mount (and on `reload()`); an answer that arrives after unmount is dropped. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const loadRef = useRef(load)
  const [generation, setGeneration] = useState(0)
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  })
  useEffect(() => {
    let current = true
    setState((s) => ({ ...s, loading: true }))
    loadRef.current().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error, loading: false })),
    )
    return () => {
      current = false
    }
  }, [generation])
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const set = useCallback((data: T) => setState({ data, error: null, loading: false }), [])
  return { ...state, reload, set }
}
