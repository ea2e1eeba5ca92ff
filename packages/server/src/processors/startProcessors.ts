import type { Logger } from 'pino'
import type { EventBus } from '../events/EventBus.ts'
import type { Store } from '../store/openStore.ts'
import type { Follower, WorkProcessor } from './Processor.ts'
import type { RunningWorkProcessor, WorkProcessorOptions } from './runWorkProcessor.ts'
import { runWorkProcessor } from './runWorkProcessor.ts'
import { runFollower } from './runFollower.ts'

export interface StartProcessorsOptions {
  readonly store: Store
  readonly bus: EventBus
  readonly log: Logger
  /** Durable, one owner across the node's processes. */
  readonly work?: readonly WorkProcessor[]
  /** In this process, from the head (or from `from`). */
  readonly followers?: readonly (Follower | { readonly follower: Follower; readonly from: number })[]
  readonly options?: WorkProcessorOptions
}

export interface RunningProcessors {
  /** The work processors, by name. */
  readonly work: ReadonlyMap<string, RunningWorkProcessor>
  /** Stops the followers, then the work processors (each finishes its batch in hand). */
  close(): Promise<void>
}

/** Starts this process's processors (decision 016): the node's single entry point for them. */
export async function startProcessors(options: StartProcessorsOptions): Promise<RunningProcessors> {
  const { store, bus, log } = options
  const followers: { stop(): void }[] = []
  const work = new Map<string, RunningWorkProcessor>()
  const close = async () => {
    for (const f of followers.splice(0)) f.stop()
    const running = [...work.values()]
    work.clear()
    await Promise.all(running.map((w) => w.close()))
  }
  try {
    for (const entry of options.followers ?? []) {
      const [follower, from] = 'follower' in entry ? [entry.follower, entry.from] : [entry, undefined]
      followers.push(
        await runFollower({ store, bus, log, follower, ...(from === undefined ? {} : { from }) }),
      )
    }
    for (const processor of options.work ?? []) {
      if (work.has(processor.name)) throw new Error(`two work processors are named ${processor.name}`)
      const running = await runWorkProcessor({
        store,
        bus,
        log,
        processor,
        ...(options.options ? { options: options.options } : {}),
      })
      work.set(processor.name, running)
    }
  } catch (error) {
    await close()
    throw error
  }
  return { work, close }
}
