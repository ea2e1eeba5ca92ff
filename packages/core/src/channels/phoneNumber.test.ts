import { describe, expect, it } from 'vitest'
import { checkPhoneNumber } from './phoneNumber.ts'

describe('checkPhoneNumber', () => {
  it.each([
    ['+32470123456', '+32470123456'],
    ['+32 470 12 34 56', '+32470123456'],
    ['0032 470.12.34.56', '+32470123456'],
    ['+3221234567', '+3221234567'],
    ['+31612345678', '+31612345678'],
    ['+352621123456', '+352621123456'],
    ['+3524567', '+3524567'],
    ['+33612345678', '+33612345678'],
    ['+4915112345678', '+4915112345678'],
    ['+49 (30) 123456', '+4930123456'],
  ])('accepts %s as %s', (input, number) => {
    expect(checkPhoneNumber(input)).toEqual({ ok: true, value: number })
  })

  it.each([
    ['', 'phone_number_malformed'],
    ['0470123456', 'phone_number_malformed'],
    ['+32 0470 12 34 56', 'phone_number_malformed'],
    ['+3247012345678', 'phone_number_malformed'],
    ['+324701234', 'phone_number_malformed'],
    ['+3161234567', 'phone_number_malformed'],
    ['+33 6 12 34 56 7', 'phone_number_malformed'],
    ['+32470abc456', 'phone_number_malformed'],
    ['+0032470123456', 'phone_number_malformed'],
    ['+1234567890123456', 'phone_number_malformed'],
    ['+'.padEnd(60, '1'), 'phone_number_malformed'],
    ['+447700900123', 'phone_country_not_served'],
    ['+12025550123', 'phone_country_not_served'],
    ['+41791234567', 'phone_country_not_served'],
  ])('refuses %j: %s', (input, reason) => {
    expect(checkPhoneNumber(input)).toEqual({ ok: false, error: reason })
  })
})
