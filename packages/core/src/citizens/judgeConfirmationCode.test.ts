import { describe, expect, it } from 'vitest'
import type { PendingConfirmation } from './judgeConfirmationCode.ts'
import { judgeConfirmationCode, maxCodeAttempts } from './judgeConfirmationCode.ts'

const at = new Date('2026-12-03T12:00:00Z')
const pending: PendingConfirmation = {
  confirmedAt: null,
  codeHash: 'right',
  expiresAt: new Date('2026-12-03T12:10:00Z'),
  attempts: 0,
}

describe('judgeConfirmationCode', () => {
  it.each([
    ['the right code in time', pending, 'right', { ok: true, value: 'confirmed' }],
    ['a wrong code', pending, 'wrong', { ok: false, error: 'confirmation_code_wrong' }],
    [
      'the right code after the last wrong one allowed',
      { ...pending, attempts: maxCodeAttempts - 1 },
      'right',
      { ok: true, value: 'confirmed' },
    ],
    [
      'the right code once the attempts are spent',
      { ...pending, attempts: maxCodeAttempts },
      'right',
      { ok: false, error: 'confirmation_attempts_exhausted' },
    ],
    [
      'the right code at its expiry',
      { ...pending, expiresAt: at },
      'right',
      { ok: false, error: 'confirmation_code_expired' },
    ],
    [
      'a code for an address with none pending',
      { ...pending, codeHash: null, expiresAt: null },
      'right',
      { ok: false, error: 'confirmation_code_expired' },
    ],
    [
      'a code for a confirmed address',
      { ...pending, confirmedAt: at },
      'right',
      { ok: false, error: 'address_already_confirmed' },
    ],
  ] as const)('%s', (_name, state, given, expected) => {
    expect(judgeConfirmationCode(state, given, at)).toEqual(expected)
  })
})
