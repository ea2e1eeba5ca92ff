import { describe, expect, it } from 'vitest'
import type { SignInFailures } from './lockout.ts'
import { afterFailedSignIn, delayAfter, signInDelayPolicy, signInWaitMs } from './lockout.ts'
import { passwordProblems, usernameProblems } from './passwordPolicy.ts'
import { sessionExpiry } from './sessionExpiry.ts'

const at = new Date('2026-11-29T06:00:00+01:00')

describe('sign-in delays, per account and source', () => {
  const later = (ms: number) => new Date(at.getTime() + ms)
  const fail = (times: number, record: SignInFailures | null = null, when = at) => {
    let r = record
    for (let i = 0; i < times; i++) r = afterFailedSignIn(r, when)
    return r
  }

  it('lets the first five failures through without waiting', () => {
    expect(signInWaitMs(null, at)).toBe(0)
    expect(signInWaitMs(fail(signInDelayPolicy.freeFailures - 1), at)).toBe(0)
  })

  it('then waits ten seconds, doubling with each failure, up to fifteen minutes', () => {
    expect(signInWaitMs(fail(5), at)).toBe(10_000)
    expect(signInWaitMs(fail(6), at)).toBe(20_000)
    expect(signInWaitMs(fail(7), at)).toBe(40_000)
    expect(signInWaitMs(fail(12), at)).toBe(15 * 60_000)
    expect(signInWaitMs(fail(2_000), at)).toBe(15 * 60_000)
    expect(signInWaitMs(fail(6), later(15_000))).toBe(5_000)
    expect(signInWaitMs(fail(6), later(20_000))).toBe(0)
  })

  it.each([
    [0, 0],
    [4, 0],
    [5, 10_000],
    [8, 80_000],
    [11, 640_000],
    [12, 900_000],
    [1e6, 900_000],
  ])('%i failures in a row impose %i ms', (failures, ms) => {
    expect(delayAfter(failures)).toBe(ms)
  })

  it('forgets failures a day after the last one', () => {
    const record = fail(9)
    expect(signInWaitMs(record, later(signInDelayPolicy.forgetAfterMs))).toBe(0)
    expect(afterFailedSignIn(record, later(signInDelayPolicy.forgetAfterMs))).toEqual({
      failures: 1,
      lastFailureAt: later(signInDelayPolicy.forgetAfterMs),
    })
  })
})

describe('sessions', () => {
  const hour = 3_600_000
  it.each([
    [0, 0, 'live'],
    [1.9 * hour, 0, 'live'],
    [2 * hour, 0, 'idle'],
    [11.9 * hour, 11 * hour, 'live'],
    [12 * hour, 11.9 * hour, 'absolute'],
  ] as const)('at +%i ms, last seen at +%i ms: %s', (now, seen, expected) => {
    const created = at.getTime()
    expect(
      sessionExpiry({ createdAt: at, lastSeenAt: new Date(created + seen) }, new Date(created + now)),
    ).toBe(expected)
  })
})

describe('passwords and usernames', () => {
  it.each([
    ['short', ['at least 12']],
    ['aaaaaaaaaaaaaaaa', ['4 different']],
    ['my-name-is-alice-ok', ['not contain the username']],
    ['correct horse battery staple', []],
  ])('%j', (password, expected) => {
    const problems = passwordProblems(password, 'alice')
    expect(problems).toHaveLength(expected.length)
    expected.forEach((e, i) => expect(problems[i]).toContain(e))
  })

  it.each(['ab', 'Alice', '-alice', 'alice smith', 'a'.repeat(65)])('refuses the username %j', (name) => {
    expect(usernameProblems(name)).toHaveLength(1)
  })
})
