import type { StoredEvent } from '@liaison/core'

export type EventListener = (events: readonly StoredEvent[]) => void

/**
 * Carries committed events to listeners in this process (the live stream, later jobs). Events
 * are published after their transaction commits, in seq order.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  publish(events: readonly StoredEvent[]): void {
    if (events.length === 0) return
    for (const listener of this.listeners) listener(events)
  }

  get size(): number {
    return this.listeners.size
  }
}
