import type { CheckpointDeps } from './writeAuditCheckpoint.ts'
import { writeAuditCheckpoint } from './writeAuditCheckpoint.ts'

export interface AuditCheckpoints {
  /** Writes a checkpoint now if the head moved; never throws (a failure is logged). */
  checkpoint(): Promise<void>
  /** Stops the interval and writes a last checkpoint. */
  close(): Promise<void>
}

/**
 * The node's checkpoints: one at start, one every `intervalSeconds` when the head moved, one at
 * close. Runs in the node's process; each process of a node may run one (they share the file
 * and take the head lock, so they never write the same head twice).
 */
export function startAuditCheckpoints(deps: CheckpointDeps, intervalSeconds: number): AuditCheckpoints {
  let running: Promise<void> = Promise.resolve()
  const checkpoint = () => {
    // one at a time: the next waits for the one before
    running = running.then(async () => {
      try {
        await writeAuditCheckpoint(deps)
      } catch (error) {
        deps.log.error({ err: error, file: deps.file }, 'the audit checkpoint could not be written')
      }
    })
    return running
  }
  const timer = setInterval(() => void checkpoint(), intervalSeconds * 1000)
  timer.unref()
  return {
    checkpoint,
    async close() {
      clearInterval(timer)
      await checkpoint()
    },
  }
}
