import type { Principal } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { streamLimits } from './streamLimits.ts'

const session = (sessionId: string): Principal => ({
  kind: 'user',
  userId: 'u',
  username: 'duty',
  orgId: 'o',
  roles: ['viewer'],
  sessionId,
})
const token: Principal = {
  kind: 'token',
  tokenId: 't1',
  tokenName: 'wall screen',
  orgId: 'o',
  userId: 'u',
  creatorRoles: ['viewer'],
  scopes: ['read'],
}

const refusal = (open: () => unknown): string => {
  try {
    open()
  } catch (error) {
    if (error instanceof LiaisonError && error.code === 'rate_limited') return error.message
    throw error
  }
  throw new Error('expected rate_limited')
}

describe('streamLimits', () => {
  it('caps the streams of one session, says how many are open, and frees a place when one closes', () => {
    const limits = streamLimits({ perPrincipal: 2, perAddress: 10 })
    const first = limits.open(session('s1'), '10.0.0.1')
    limits.open(session('s1'), '10.0.0.2')
    expect(refusal(() => limits.open(session('s1'), '10.0.0.3'))).toBe(
      '2 live streams are already open for this session; the limit is 2: close one first',
    )
    limits.open(session('s2'), '10.0.0.1')
    first()
    first() // twice is once
    limits.open(session('s1'), '10.0.0.1')
    expect(() => limits.open(session('s1'), '10.0.0.1')).toThrow(LiaisonError)
  })

  it('caps an API token by its name', () => {
    const limits = streamLimits({ perPrincipal: 1, perAddress: 10 })
    limits.open(token, '10.0.0.1')
    expect(refusal(() => limits.open(token, '10.0.0.1'))).toBe(
      "1 live streams are already open for API token 'wall screen'; the limit is 1: close one first",
    )
  })

  it('caps one address whoever signs in from it, and leaves others alone', () => {
    const limits = streamLimits({ perPrincipal: 5, perAddress: 2 })
    const a = limits.open(session('a'), '192.0.2.1')
    limits.open(session('b'), '192.0.2.1')
    expect(refusal(() => limits.open(session('c'), '192.0.2.1'))).toBe(
      '2 live streams are already open from 192.0.2.1; the limit is 2: close one first',
    )
    // a refusal takes no place: the session refused by address has none counted
    limits.open(session('c'), '192.0.2.2')
    a()
    limits.open(session('c'), '192.0.2.1')
  })
})
