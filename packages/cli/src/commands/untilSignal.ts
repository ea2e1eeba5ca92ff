/**
 * Waits for SIGINT or SIGTERM, then runs `stop`. A second signal while stopping exits at once.
 */
export function untilSignal(stop: () => Promise<void>, err: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopping = false
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        err.write(`\nliaison: ${signal} again; exiting now\n`)
        process.exit(130)
      }
      stopping = true
      err.write(`\nliaison: ${signal} received; stopping cleanly…\n`)
      stop().then(() => {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
        resolve()
      }, reject)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}
