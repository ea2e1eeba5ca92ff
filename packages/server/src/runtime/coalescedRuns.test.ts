import { describe, expect, it } from 'vitest'
import { coalescedRuns } from './coalescedRuns.ts'

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('coalescedRuns', () => {
  it('makes wakes during a pass into one more pass, never two at once', async () => {
    let passes = 0
    let inside = 0
    let most = 0
    let release: () => void = () => {}
    const runs = coalescedRuns(
      async () => {
        passes++
        most = Math.max(most, ++inside)
        await new Promise<void>((r) => (release = r))
        inside--
      },
      { active: () => true, failed: (e) => expect.fail(String(e)) },
    )
    runs.run()
    for (let i = 0; i < 5; i++) runs.run()
    release()
    await tick()
    release()
    await runs.current
    expect(passes).toBe(2)
    expect(most).toBe(1)
    expect(runs.current).toBeNull()
  })

  it('does nothing while inactive and stops asking for passes once inactive', async () => {
    let active = false
    let passes = 0
    const runs = coalescedRuns(
      async () => {
        passes++
        await tick()
      },
      { active: () => active, failed: () => {} },
    )
    runs.run()
    expect(runs.current).toBeNull()
    active = true
    runs.run()
    runs.run()
    active = false
    await runs.current
    expect(passes).toBe(1)
  })

  it('hands a failure to failed, not to succeeded, and can run again', async () => {
    const seen: string[] = []
    let fail = true
    const runs = coalescedRuns(
      async () => {
        await tick()
        if (fail) throw new Error('boom')
      },
      {
        active: () => true,
        failed: (e) => seen.push(`failed ${(e as Error).message}`),
        succeeded: () => seen.push('ok'),
      },
    )
    runs.run()
    await runs.current
    fail = false
    runs.run()
    await runs.current
    expect(seen).toEqual(['failed boom', 'ok'])
  })
})
