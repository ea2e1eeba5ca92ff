import type { StoredEvent } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { LiveStream } from './LiveStream.ts'
import { formatSse } from './formatSse.ts'

const event = (seq: number, audience: string[] | null = null): StoredEvent =>
  ({
    seq,
    id: `0193a000-0000-7000-8000-00000000000${seq}`,
    at: new Date('2031-03-01T08:00:00Z'),
    kind: 'log-entry.appended',
    subject: 'case',
    orgId: null,
    audience,
    body: { kind: 'log-entry.appended' },
  }) as unknown as StoredEvent

describe('LiveStream', () => {
  it('formats each event once, however many clients are connected, and gives every client the same text', () => {
    let formatted = 0
    const live = new LiveStream({
      format: (e) => {
        formatted++
        return formatSse(e)
      },
    })
    const texts: string[][] = []
    for (let i = 0; i < 50; i++) {
      const mine: string[] = []
      texts.push(mine)
      live.subscribe((messages) => mine.push(...messages.map((m) => m.text)))
    }
    live.follower.handle([event(1), event(2)])
    expect(formatted).toBe(2)
    expect(new Set(texts.map((t) => t.join(''))).size).toBe(1)
    expect(texts[0]).toEqual([formatSse(event(1)), formatSse(event(2))])
  })

  it('formats nothing with no client, and goes on past a client that throws', () => {
    let formatted = 0
    const failures: unknown[] = []
    const live = new LiveStream({
      format: (e) => {
        formatted++
        return formatSse(e)
      },
      onFailure: (error) => failures.push(error),
    })
    live.follower.handle([event(1)])
    expect(formatted).toBe(0)
    const seen: number[] = []
    live.subscribe(() => {
      throw new Error('gone')
    })
    const off = live.subscribe((messages) => seen.push(...messages.map((m) => m.event.seq)))
    live.follower.handle([event(2)])
    expect(seen).toEqual([2])
    expect(failures).toHaveLength(1)
    off()
    expect(live.size).toBe(1)
  })
})
