import { useCallback, useRef, useState } from 'react'
import { runSubmit } from './runSubmit.ts'

export interface Submit {
  /** An action is running: the form's button says so, and a second submit does nothing. */
  readonly busy: boolean
  /** What the last action threw, or `null`. */
  readonly error: unknown
  readonly setError: (error: unknown) => void
  /**
   * Runs `action` unless one is already running; what it throws goes to `onError` (by default
   * it becomes `error`). Says whether the action went through.
   */
  readonly run: (action: () => Promise<void>, onError?: (caught: unknown) => void) => Promise<boolean>
}

/** The busy flag and the error of a form that sends something to the node. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const running = useRef(false)
  const run = useCallback(
    async (action: () => Promise<void>, onError: (caught: unknown) => void = setError): Promise<boolean> => {
      if (running.current) return false
      running.current = true
      return runSubmit(action, {
        busy: (value) => {
          running.current = value
          setBusy(value)
        },
        failed: onError,
      })
    },
    [],
  )
  return { busy, error, setError, run }
}
