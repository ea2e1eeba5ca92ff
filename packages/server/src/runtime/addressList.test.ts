import { describe, expect, it } from 'vitest'
import { addressMatcher, parseAddressList } from './addressList.ts'

describe('parseAddressList', () => {
  it.each([
    ['127.0.0.0/8,::1', '127.0.0.0/8,::1'],
    [' 10.1.2.3 , fd00::/8 ', '10.1.2.3,fd00::/8'],
    [['192.168.0.0/16', '::1'], '192.168.0.0/16,::1'],
    ['', ''],
  ])('takes %j', (raw, value) => {
    expect(parseAddressList(raw)).toEqual({ value })
  })

  it.each([
    ['localhost', "'localhost' is not an IP address or a network (address/prefix)"],
    ['10.0.0.0/33', "'10.0.0.0/33': the prefix must be 0 to 32"],
    ['::1/129', "'::1/129': the prefix must be 0 to 128"],
    ['10.0.0.0/8/8', "'10.0.0.0/8/8' is not an IP address or a network (address/prefix)"],
    [[1], 'must be a list of IP addresses or networks (10.0.0.0/8)'],
    [true, 'must be a list of IP addresses or networks (10.0.0.0/8)'],
  ])('refuses %j', (raw, problem) => {
    expect(parseAddressList(raw)).toEqual({ problem })
  })
})

describe('addressMatcher', () => {
  const allowed = addressMatcher(['127.0.0.0/8', '::1', '10.20.0.0/16'])
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::ffff:127.0.0.1', true],
    ['::1', true],
    ['10.20.3.4', true],
    ['10.21.3.4', false],
    ['192.168.1.1', false],
    ['::2', false],
    ['not an address', false],
  ])('%s: %s', (address, expected) => {
    expect(allowed(address)).toBe(expected)
  })

  it('matches nothing when the list is empty', () => {
    expect(addressMatcher([])('127.0.0.1')).toBe(false)
  })
})
