import { describe, expect, it } from 'vitest'
import { hostAllowed, splitHost } from './hostGuard.ts'

const demo = ['127.0.0.1:8080', '127.0.0.1', 'localhost', '[::1]']

describe('hostAllowed', () => {
  it.each([
    ['127.0.0.1:8080', true],
    ['127.0.0.1:9999', true],
    ['127.0.0.1', true],
    ['LOCALHOST:8080', true],
    ['[::1]:8080', true],
    ['evil.example', false],
    ['evil.example:8080', false],
    ['127.0.0.1.evil.example', false],
    ['127.0.0.1.evil.example:8080', false],
    ['localhost.evil.example', false],
    ['127.0.0.2:8080', false],
    ['::1', false],
    ['127.0.0.1:8080:80', false],
    ['', false],
    ['127.0.0.1 evil.example', false],
  ])('%j on a loopback node: %s', (host, allowed) => {
    expect(hostAllowed(host, demo)).toBe(allowed)
  })

  it('allows a name:port entry on that port only', () => {
    expect(hostAllowed('liaison.internal:8443', ['liaison.internal:8443'])).toBe(true)
    expect(hostAllowed('liaison.internal:8444', ['liaison.internal:8443'])).toBe(false)
    expect(hostAllowed('liaison.internal', ['liaison.internal:8443'])).toBe(false)
  })

  it('splits a Host value into its name and port', () => {
    expect(splitHost('[fd00::1]:8080')).toEqual({ name: '[fd00::1]', port: '8080' })
    expect(splitHost('Liaison.Example.org')).toEqual({ name: 'liaison.example.org', port: null })
    expect(splitHost('fd00::1')).toBeNull()
    expect(splitHost('127.0.0.1 evil.example')).toBeNull()
    expect(splitHost('user@127.0.0.1')).toBeNull()
  })
})
