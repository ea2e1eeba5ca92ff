import type { StoredEvent } from '@liaison/core'
import type { Follower } from '../processors/Processor.ts'
import { formatSse } from './formatSse.ts'

/** One event of the live stream with its SSE text, formatted once for every client. */
export interface LiveMessage {
  readonly event: StoredEvent
  readonly text: string
}

/** A connected client: given each batch; it picks what its viewer may see. */
export type LiveClient = (messages: readonly LiveMessage[]) => void

/**
 * The live stream of this process (decision 016): a follower that formats each event's SSE text
 * once, however many clients are connected, and hands the batch to every client, which keeps the
 * messages its viewer may see. A client that throws is reported and does not keep the others
 * from the batch.
 */
export class LiveStream {
  private readonly clients = new Set<LiveClient>()
  private readonly format: (event: StoredEvent) => string
  private readonly onFailure: (error: unknown) => void

  constructor(
    options: { format?: (event: StoredEvent) => string; onFailure?: (error: unknown) => void } = {},
  ) {
    this.format = options.format ?? formatSse
    this.onFailure = options.onFailure ?? (() => {})
  }

  readonly follower: Follower = {
    name: 'live-stream',
    kinds: null,
    handle: (events) => this.publish(events),
  }

  subscribe(client: LiveClient): () => void {
    const entry: LiveClient = (messages) => client(messages)
    this.clients.add(entry)
    return () => this.clients.delete(entry)
  }

  get size(): number {
    return this.clients.size
  }

  private publish(events: readonly StoredEvent[]): void {
    if (this.clients.size === 0) return
    const messages = events.map((event) => ({ event, text: this.format(event) }))
    for (const client of [...this.clients]) {
      try {
        client(messages)
      } catch (error) {
        this.onFailure(error)
      }
    }
  }
}
