/** Where `runSubmit` reports what happens: busy while the action runs, and what it threw. */
export interface SubmitReport {
  readonly busy: (busy: boolean) => void
  readonly failed: (caught: unknown) => void
}

/**
 * Runs a form's action: busy from the start to the end, and what it throws handed to `failed`
 * rather than thrown on. Says whether the action went through.
 */
export async function runSubmit(action: () => Promise<void>, report: SubmitReport): Promise<boolean> {
  report.busy(true)
  try {
    await action()
    return true
  } catch (caught) {
    report.failed(caught)
    return false
  } finally {
    report.busy(false)
  }
}
