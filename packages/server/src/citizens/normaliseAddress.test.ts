import { describe, expect, it } from 'vitest'
import { normaliseAddress } from './normaliseAddress.ts'

describe('normaliseAddress', () => {
  it('normalises a phone number through core and lower-cases an e-mail address', () => {
    expect(normaliseAddress({ kind: 'sms', address: '+32470123456' })).toEqual({
      ok: true,
      value: { kind: 'sms', address: '+32470123456', pushKeys: null },
    })
    expect(normaliseAddress({ kind: 'email', address: ' Jan@Example.BE ' })).toEqual({
      ok: true,
      value: { kind: 'email', address: 'jan@example.be', pushKeys: null },
    })
  })

  it.each([
    [{ kind: 'sms', address: '0470123456' }, 'phone_number_malformed'],
    [{ kind: 'sms', address: '+14155550123' }, 'phone_country_not_served'],
    [{ kind: 'email', address: 'a@b@c' }, undefined],
    [{ kind: 'email', address: 'a@b.be, c@d.be' }, undefined],
  ] as const)('refuses %j', (input, reason) => {
    const checked = normaliseAddress(input)
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.error.reason).toBe(reason)
  })
})
