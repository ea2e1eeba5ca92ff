import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/ApiError.ts'
import { passwordChangeProblems, passwordProblemsFromNode } from './passwordChange.ts'

const good = {
  currentPassword: 'liaison-demo-2026',
  newPassword: 'a longer phrase for the night shift',
  repeatPassword: 'a longer phrase for the night shift',
  username: 'viewer',
}

describe('passwordChangeProblems', () => {
  it('finds nothing wrong with a good change', () => {
    expect(passwordChangeProblems(good)).toEqual({})
  })

  it.each([
    ['an empty current password', { currentPassword: '' }, { currentPassword: 'currentRequired' }],
    [
      'a new password of 11 characters',
      { newPassword: 'abcdefghijk', repeatPassword: 'abcdefghijk' },
      { newPassword: 'tooShort' },
    ],
    [
      'a new password of 257 characters',
      { newPassword: 'ab'.repeat(128) + 'c', repeatPassword: 'ab'.repeat(128) + 'c' },
      { newPassword: 'tooLong' },
    ],
    [
      'a new password with the username in it',
      { newPassword: 'my-VIEWER-password', repeatPassword: 'my-VIEWER-password' },
      { newPassword: 'containsUsername' },
    ],
    [
      'a new password of 3 different characters',
      { newPassword: 'abcabcabcabc', repeatPassword: 'abcabcabcabc' },
      { newPassword: 'tooFewCharacters' },
    ],
    [
      'the current password again',
      { newPassword: 'liaison-demo-2026', repeatPassword: 'liaison-demo-2026' },
      { newPassword: 'sameAsCurrent' },
    ],
    ['an empty repetition', { repeatPassword: '' }, { repeatPassword: 'repeatRequired' }],
    [
      'a repetition that differs',
      { repeatPassword: 'a longer phrase for the day shift' },
      { repeatPassword: 'repeatDiffers' },
    ],
  ] as const)('says what is wrong with %s', (_what, change, expected) => {
    expect(passwordChangeProblems({ ...good, ...change })).toEqual(expected)
  })

  it('counts characters, not UTF-16 units', () => {
    const emoji = '🚒🚑🚓🚒🚑🚓🚒🚑🚓🚒🚑' // 11 characters, 22 units
    expect(passwordChangeProblems({ ...good, newPassword: emoji, repeatPassword: emoji }).newPassword).toBe(
      'tooShort',
    )
  })

  it('reports every field at once', () => {
    expect(
      passwordChangeProblems({
        currentPassword: '',
        newPassword: 'short',
        repeatPassword: 'other',
        username: 'x',
      }),
    ).toEqual({
      currentPassword: 'currentRequired',
      newPassword: 'tooShort',
      repeatPassword: 'repeatDiffers',
    })
  })
})

const refusal = (problems: string[], code = 'validation_failed'): ApiError =>
  new ApiError({ status: 400, code, message: problems.join('; '), details: { problems } })

describe('passwordProblemsFromNode', () => {
  it('puts a wrong current password on its field', () => {
    expect(passwordProblemsFromNode(refusal(['currentPassword: this is not your current password']))).toEqual(
      {
        currentPassword: 'currentWrong',
      },
    )
  })

  it.each([
    ['newPassword: must be at least 12 characters', 'tooShort'],
    ['newPassword: must be at most 256 characters', 'tooLong'],
    ['newPassword: must not contain the username', 'containsUsername'],
    ['newPassword: must use at least 4 different characters', 'tooFewCharacters'],
    ['newPassword: must differ from the current password', 'sameAsCurrent'],
    ['newPassword: is on the list of leaked passwords', 'refused'],
  ] as const)('reads "%s" as %s', (problem, expected) => {
    expect(passwordProblemsFromNode(refusal([problem]))).toEqual({ newPassword: expected })
  })

  it('keeps the first problem of a field', () => {
    expect(
      passwordProblemsFromNode(
        refusal([
          'newPassword: must be at least 12 characters',
          'newPassword: must use at least 4 different characters',
        ]),
      ),
    ).toEqual({ newPassword: 'tooShort' })
  })

  it('reads the message when the details list no problems', () => {
    const error = new ApiError({
      status: 400,
      code: 'validation_failed',
      message: 'newPassword: must not contain the username',
    })
    expect(passwordProblemsFromNode(error)).toEqual({ newPassword: 'containsUsername' })
  })

  it('is null for refusals that are not about the fields', () => {
    expect(
      passwordProblemsFromNode(new ApiError({ status: 423, code: 'account_locked', message: 'locked' })),
    ).toBeNull()
    expect(passwordProblemsFromNode(refusal(['body: must be an object']))).toBeNull()
    expect(passwordProblemsFromNode(new Error('boom'))).toBeNull()
  })
})
