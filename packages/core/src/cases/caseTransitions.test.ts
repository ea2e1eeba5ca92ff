import { describe, expect, it } from 'vitest'
import { caseChangeOf, changeCaseState, requireSomeChange } from './caseTransitions.ts'

describe('a case opened, closed and re-opened', () => {
  it.each([
    ['open', 'closed', { ok: true, value: 'closed' }],
    ['closed', 'open', { ok: true, value: 'open' }],
    ['open', 'open', { ok: false, error: 'no_change' }],
    ['closed', 'closed', { ok: false, error: 'no_change' }],
  ] as const)('%s → %s', (from, to, outcome) => {
    expect(changeCaseState(from, to)).toEqual(outcome)
  })

  it('names the change as audited', () => {
    expect([caseChangeOf('closed'), caseChangeOf('open'), caseChangeOf(undefined)]).toEqual([
      'case.close',
      'case.reopen',
      'case.update',
    ])
  })

  it('refuses a change that changes nothing', () => {
    expect(requireSomeChange([])).toEqual({ ok: false, error: 'no_change' })
    expect(requireSomeChange(['title']).ok).toBe(true)
  })
})
