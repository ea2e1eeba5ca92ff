/** One pass at a time of a background task, however often it is woken. */
export interface CoalescedRuns {
  /**
   * Starts a run of the pass; while one is under way, asks it for one more pass instead (any
   * number of wakes during a pass make one more pass, not many). Nothing while inactive.
   */
  run(): void
  /** The run under way (settled, never rejecting), or null. */
  readonly current: Promise<void> | null
}

/**
 * Runs `pass` again and again while it is woken during a pass and `active()` holds; a failed
 * run goes to `failed` (the caller decides when to try again), a run that ends well to
 * `succeeded`. The federation's push and applier, the event follower and the work processors
 * run this way.
 */
export function coalescedRuns(
  pass: () => Promise<void>,
  handlers: {
    readonly active: () => boolean
    readonly failed: (error: unknown) => void
    readonly succeeded?: () => void
  },
): CoalescedRuns {
  let running: Promise<void> | null = null
  let again = false
  return {
    run() {
      if (!handlers.active()) return
      if (running) {
        again = true
        return
      }
      running = (async () => {
        do {
          again = false
          await pass()
        } while (again && handlers.active())
        handlers.succeeded?.()
      })()
        .catch(handlers.failed)
        .finally(() => {
          running = null
        })
    },
    get current() {
      return running
    },
  }
}
