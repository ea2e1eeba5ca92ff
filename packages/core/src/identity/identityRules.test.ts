import { describe, expect, it } from 'vitest'
import { afterFailure, afterSuccess, isLocked, lockoutPolicy } from './lockout.ts'
import { passwordProblems, usernameProblems } from './passwordPolicy.ts'
import { sessionExpiry } from './sessionExpiry.ts'

const at = new Date('2026-11-29T06:00:00+01:00')

describe('lock-out', () => {
  it('locks after five failures in a row, for fifteen minutes', () => {
    let state = afterSuccess()
    for (let i = 1; i < lockoutPolicy.maxFailures; i++) {
      state = afterFailure(state, at)
      expect(isLocked(state, at)).toBe(false)
    }
    state = afterFailure(state, at)
    expect(isLocked(state, at)).toBe(true)
    expect(isLocked(state, new Date(at.getTime() + lockoutPolicy.lockMs - 1))).toBe(true)
    expect(isLocked(state, new Date(at.getTime() + lockoutPolicy.lockMs))).toBe(false)
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
