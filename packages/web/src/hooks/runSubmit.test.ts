import { describe, expect, it } from 'vitest'
import { runSubmit } from './runSubmit.ts'

/** Runs `action` through `runSubmit` and writes down what it reported, in order. */
async function record(
  action: (events: string[]) => Promise<void>,
): Promise<{ ok: boolean; events: string[] }> {
  const events: string[] = []
  const ok = await runSubmit(() => action(events), {
    busy: (busy) => events.push(`busy ${busy}`),
    failed: (caught) => events.push(`failed ${String(caught)}`),
  })
  return { ok, events }
}

describe('runSubmit', () => {
  it('is busy while the action runs, and says it went through', async () => {
    const { ok, events } = await record(async (events) => {
      await Promise.resolve()
      events.push('action')
    })
    expect(ok).toBe(true)
    expect(events).toEqual(['busy true', 'action', 'busy false'])
  })

  it('hands what the action throws to failed, before it stops being busy', async () => {
    const { ok, events } = await record(async (events) => {
      events.push('action')
      await Promise.resolve()
      throw new Error('refused')
    })
    expect(ok).toBe(false)
    expect(events).toEqual(['busy true', 'action', 'failed Error: refused', 'busy false'])
  })

  it('catches a throw before the action awaits anything', async () => {
    const { ok, events } = await record(() => {
      throw new Error('at once')
    })
    expect(ok).toBe(false)
    expect(events).toEqual(['busy true', 'failed Error: at once', 'busy false'])
  })
})
