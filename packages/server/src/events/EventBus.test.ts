import type { StoredEvent } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { EventBus } from './EventBus.ts'

const event = (seq: number): StoredEvent =>
  ({
    seq,
    id: `e${seq}`,
    at: new Date(0),
    kind: 'log-entry.appended',
    subject: 's',
    orgId: null,
    audience: null,
    body: {},
  }) as unknown as StoredEvent

describe('EventBus', () => {
  it('gives every listener the events even when one before it throws, and reports the failure', () => {
    const failures: unknown[] = []
    const bus = new EventBus((error) => failures.push(error))
    const seen: number[] = []
    bus.subscribe(() => {
      throw new Error('broken listener')
    })
    bus.subscribe((events) => seen.push(...events.map((e) => e.seq)))
    expect(() => bus.publish([event(1), event(2)])).not.toThrow()
    expect(seen).toEqual([1, 2])
    expect(failures).toEqual([new Error('broken listener')])
  })

  it('does not throw when the failure report itself throws', () => {
    const bus = new EventBus(() => {
      throw new Error('broken report')
    })
    bus.subscribe(() => {
      throw new Error('broken listener')
    })
    expect(() => bus.publish([event(1)])).not.toThrow()
  })

  it('stops giving events to a listener once it unsubscribes', () => {
    const bus = new EventBus()
    const seen: number[] = []
    const off = bus.subscribe((events) => seen.push(...events.map((e) => e.seq)))
    bus.publish([event(1)])
    off()
    bus.publish([event(2)])
    expect(seen).toEqual([1])
    expect(bus.size).toBe(0)
  })
})
