import type { StoredEvent } from '@liaison/core'

export type EventListener = (events: readonly StoredEvent[]) => void

/** Told when a listener throws; the bus goes on to the next listener. */
export type ListenerFailure = (error: unknown, events: readonly StoredEvent[]) => void

/**
 * Carries committed events to listeners in this process (the followers: the live stream, the
 * metrics; and the wake-up of the work processors). Events are published after their
 * transaction commits, in seq order. A listener that throws is reported to `onFailure` (the node
 * logs it) and never keeps the others from the events nor reaches the publisher: a failing
 * consumer never fails the action that wrote the event.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  constructor(private readonly onFailure: ListenerFailure = () => {}) {}

  subscribe(listener: EventListener): () => void {
    // a wrapper of its own, so that one function subscribed twice is two listeners
    const entry: EventListener = (events) => listener(events)
    this.listeners.add(entry)
    return () => this.listeners.delete(entry)
  }

  publish(events: readonly StoredEvent[]): void {
    if (events.length === 0) return
    for (const listener of [...this.listeners]) {
      try {
        listener(events)
      } catch (error) {
        try {
          this.onFailure(error, events)
        } catch {
          // a failing report must not fail the publisher either
        }
      }
    }
  }

  get size(): number {
    return this.listeners.size
  }
}
