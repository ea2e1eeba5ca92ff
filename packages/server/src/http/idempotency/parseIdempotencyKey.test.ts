import { describe, expect, it } from 'vitest'
import { parseIdempotencyKey } from './parseIdempotencyKey.ts'

describe('parseIdempotencyKey', () => {
  it.each([
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['  spaced  ', 'spaced'],
    ['"with \\"quotes\\" and \\\\"', 'with "quotes" and \\'],
    ['a key with spaces', 'a key with spaces'],
    ['x', 'x'],
    ['k'.repeat(255), 'k'.repeat(255)],
  ])('takes %j as %j', (header, key) => {
    expect(parseIdempotencyKey(header)).toEqual({ ok: true, value: key })
  })

  it('takes no header as no key', () => {
    expect(parseIdempotencyKey(undefined)).toEqual({ ok: true, value: null })
  })

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['""', 'is empty'],
    ['k'.repeat(256), 'is longer than 255 characters'],
    ['clé', 'may hold only printable ASCII characters'],
    ['tab\there', 'may hold only printable ASCII characters'],
    ['"unclosed', 'is not a well-formed string'],
    ['"bad \\n escape"', 'is not a well-formed string'],
    ['"two" "strings"', 'is not a well-formed string'],
  ])('refuses %j: %s', (header, problem) => {
    const parsed = parseIdempotencyKey(header)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toContain(problem)
  })

  it('refuses a header sent twice', () => {
    expect(parseIdempotencyKey(['a', 'b'])).toEqual({ ok: false, error: 'must be sent once' })
  })
})
