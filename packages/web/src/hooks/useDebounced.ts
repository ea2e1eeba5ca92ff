import { useEffect, useMemo, useRef } from 'react'

/** `run`, called at most once per `ms` however often the returned function is called. */
export function useDebounced(run: () => void, ms = 300): () => void {
  const ref = useRef(run)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => {
    ref.current = run
  })
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )
  return useMemo(
    () => () => {
      if (timer.current) return
      timer.current = setTimeout(() => {
        timer.current = null
        ref.current()
      }, ms)
    },
    [ms],
  )
}
