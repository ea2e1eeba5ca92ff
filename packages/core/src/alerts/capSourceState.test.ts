import { describe, expect, it } from 'vitest'
import type { CapSourcePolling } from './capSourceState.ts'
import { capSourceState } from './capSourceState.ts'

const t = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 12, minutes))
const source = (over: Partial<CapSourcePolling>): CapSourcePolling => ({
  enabled: true,
  staleAfterSeconds: 30 * 60,
  createdAt: t(0),
  lastAnsweredAt: null,
  lastChangedAt: null,
  lastErrorAt: null,
  ...over,
})

describe('capSourceState', () => {
  it('waits for a new source until its stale-after has passed, then calls it stale', () => {
    expect(capSourceState(source({}), t(10))).toBe('waiting')
    expect(capSourceState(source({}), t(31))).toBe('stale')
  })
  it('is ok while the feed answers and changed within its stale-after', () => {
    expect(capSourceState(source({ lastAnsweredAt: t(20), lastChangedAt: t(5) }), t(30))).toBe('ok')
  })
  it('is stale when the feed answers but has not changed for longer than its stale-after', () => {
    expect(capSourceState(source({ lastAnsweredAt: t(40), lastChangedAt: t(5) }), t(40))).toBe('stale')
  })
  it('is failing when the last request failed, and stale once it has not answered for too long', () => {
    const failed = source({ lastAnsweredAt: t(10), lastChangedAt: t(10), lastErrorAt: t(15) })
    expect(capSourceState(failed, t(20))).toBe('failing')
    expect(capSourceState(failed, t(41))).toBe('stale')
  })
  it('is ok again once a request after the failure is answered', () => {
    const back = source({ lastAnsweredAt: t(16), lastChangedAt: t(10), lastErrorAt: t(15) })
    expect(capSourceState(back, t(20))).toBe('ok')
  })
  it('counts a source that never answered from when it was added', () => {
    expect(capSourceState(source({ lastErrorAt: t(1) }), t(5))).toBe('failing')
    expect(capSourceState(source({ lastErrorAt: t(1) }), t(45))).toBe('stale')
  })
  it('keeps a disabled source that was never asked waiting, however long ago it was added', () => {
    expect(capSourceState(source({ enabled: false }), t(59))).toBe('waiting')
  })
})
